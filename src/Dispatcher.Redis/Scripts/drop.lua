-- Drops a webhook's whole queue and delivery log (the webhook was deleted), and leaves its hold as
-- the tombstone 'deleted' for ARGV[2] ms, so an attempt in flight cannot write its log back
-- (log_attempts). A delivery queued after this (a racing ingest) is still claimable: the pump finds
-- the webhook gone and drops again.
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index, KEYS[4] hold, KEYS[5] hold sequence,
-- KEYS[6..8] log index, summaries, records, KEYS[9] failed index, KEYS[10] last delivery time,
-- KEYS[11..] the counters of every hour that may still hold some; ARGV[1] webhook id, ARGV[2] tombstone lifetime (ms).
redis.call('DEL', KEYS[1], KEYS[2], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])
-- One by one: unpack is spelled differently in Redis's Lua 5.1 and Garnet's 5.4.
for i = 11, #KEYS do
  redis.call('DEL', KEYS[i])
end
redis.call('SET', KEYS[4], 'deleted', 'PX', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
