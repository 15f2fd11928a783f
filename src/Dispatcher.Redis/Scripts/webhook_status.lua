-- Sets a webhook's status and reason (and resets its failure count when enabling),
-- without re-creating a deleted webhook. KEYS[1] webhook hash, KEYS[2] the workspace's version (bumped:
-- the engine caches webhook records by it). ARGV[1] status, ARGV[2] reason.
-- Returns the webhook's new status sequence (>= 1), or 0 when the webhook no longer exists.
-- The sequence orders status changes: the hold that follows one (hold.lua, in the partition's
-- slot, so not in this script) is applied only if no later change has been applied already.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local seq = redis.call('HINCRBY', KEYS[1], 'status_seq', 1)
redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[2])
if ARGV[1] == 'Enabled' then
  redis.call('HSET', KEYS[1], 'failures', 0)
end
return seq
