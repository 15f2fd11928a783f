-- Queues a delivery again, due now, with a fresh count of attempts. If it is still pending (a
-- retry is scheduled) it is simply re-scored: a replay replaces the retry, never doubles it.
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index, KEYS[4] hold, KEYS[5] event body.
-- ARGV[1] delivery, ARGV[2] webhook id, ARGV[3] now (ms).
-- Returns 0 when the event body has expired (nothing left to send), -1 when the webhook was
-- deleted (its hold is drop.lua's tombstone: a delivery queued there would only be dropped).
if redis.call('GET', KEYS[4]) == 'deleted' then
  return -1
end
if redis.call('EXISTS', KEYS[5]) == 0 then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], '0 - ' .. KEYS[5])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
sync_head(KEYS[1], KEYS[3], KEYS[4], ARGV[2])
return 1
