-- Records the outcome of a claimed attempt. Refused (returns 0) when the claim is no longer
-- ours: it expired and the delivery was claimed again, or was removed meanwhile, or the
-- caller's lease epoch (ARGV[6], checked against KEYS[5] when both are given) is stale.
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index, KEYS[4] hold, KEYS[5] lease epoch (optional).
-- ARGV[1] delivery, ARGV[2] claim token, ARGV[3] webhook id, ARGV[4] outcome, ARGV[5] time (ms):
--   done     delivered: leaves the schedule
--   failed   out of attempts: leaves the schedule
--   retry    failed attempt: due again at ARGV[5], one more attempt counted
--   pause    the receiver asked to wait (Retry-After): the webhook is held until ARGV[5];
--            the delivery is due then, no attempt counted
--   release  not attempted (e.g. the webhook is paused): due again at ARGV[5], no attempt counted
-- (A disable is never a settlement: hold.lua writes it with the status sequence that orders it.)
if KEYS[5] and stale_epoch(KEYS[5], ARGV[6]) then
  return 0
end
local rec = redis.call('HGET', KEYS[2], ARGV[1])
if not rec then
  return 0
end
local attempts, token, event_key = parse_record(rec)
if token ~= ARGV[2] then
  return 0
end
local outcome = ARGV[4]
if outcome == 'done' or outcome == 'failed' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  if outcome == 'retry' then
    attempts = attempts + 1
  elseif outcome == 'pause' then
    local current = tonumber(redis.call('GET', KEYS[4]))
    if redis.call('GET', KEYS[4]) ~= 'disabled' and (current == nil or current < tonumber(ARGV[5])) then
      redis.call('SET', KEYS[4], ARGV[5])
    end
  end
  redis.call('HSET', KEYS[2], ARGV[1], attempts .. ' - ' .. event_key)
  redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
end
sync_head(KEYS[1], KEYS[3], KEYS[4], ARGV[3])
return 1
