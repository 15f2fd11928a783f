-- Records the outcome of a claimed attempt. Refused (returns 0) when the claim is no longer
-- ours: it expired and the delivery was claimed again, or was removed meanwhile.
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index.
-- ARGV[1] delivery, ARGV[2] claim token, ARGV[3] webhook id,
-- ARGV[4] 'done' | 'retry' | 'failed', ARGV[5] next due (ms, for 'retry').
local rec = redis.call('HGET', KEYS[2], ARGV[1])
if not rec then
  return 0
end
local attempts, token, event_key = parse_record(rec)
if token ~= ARGV[2] then
  return 0
end
if ARGV[4] == 'retry' then
  redis.call('HSET', KEYS[2], ARGV[1], (attempts + 1) .. ' - ' .. event_key)
  redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
end
sync_head(KEYS[1], KEYS[3], ARGV[3])
return 1
