-- Counts a webhook's delivery outcome toward its status, without re-creating a deleted webhook.
-- KEYS[1] webhook hash. ARGV[1] 'success' | 'failure', ARGV[2] failures that disable, ARGV[3] reason.
-- Returns the consecutive failure count, or -1 when the webhook no longer exists.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
if ARGV[1] == 'success' then
  if redis.call('HGET', KEYS[1], 'status') == 'Failing' then
    redis.call('HSET', KEYS[1], 'status', 'Enabled', 'reason', '')
  end
  redis.call('HSET', KEYS[1], 'failures', 0)
  return 0
end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if redis.call('HGET', KEYS[1], 'status') ~= 'Disabled' then
  if failures >= tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[1], 'status', 'Disabled', 'reason', ARGV[3])
  else
    redis.call('HSET', KEYS[1], 'status', 'Failing', 'reason', 'the last delivery failed its whole retry schedule')
  end
end
return failures
