-- Sets a webhook's status and reason (and resets its failure count when enabling),
-- without re-creating a deleted webhook. KEYS[1] webhook hash. ARGV[1] status, ARGV[2] reason.
-- Returns 1, or 0 when the webhook no longer exists.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[2])
if ARGV[1] == 'Enabled' then
  redis.call('HSET', KEYS[1], 'failures', 0)
end
return 1
