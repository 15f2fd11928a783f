-- Counts a webhook's delivery outcome toward its status, without re-creating a deleted webhook.
-- KEYS[1] webhook hash, KEYS[2] the workspace's version (bumped: the engine caches webhook
-- records by it). ARGV[1] 'success' | 'failure', ARGV[2] failures that disable, ARGV[3] reason.
-- Returns { consecutive failures, status before, status after, status sequence }, or an empty
-- array when the webhook no longer exists. The sequence moves only when this disables the webhook
-- (see webhook_status.lua); otherwise it is 0.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
local before = redis.call('HGET', KEYS[1], 'status') or 'Enabled'
local after = before
local failures = 0
local seq = 0
if ARGV[1] == 'success' then
  if before == 'Failing' then
    after = 'Enabled'
    redis.call('HSET', KEYS[1], 'status', after, 'reason', '')
  end
  redis.call('HSET', KEYS[1], 'failures', 0)
else
  failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  if before ~= 'Disabled' then
    if failures >= tonumber(ARGV[2]) then
      after = 'Disabled'
      seq = redis.call('HINCRBY', KEYS[1], 'status_seq', 1)
      redis.call('HSET', KEYS[1], 'status', after, 'reason', ARGV[3])
    else
      after = 'Failing'
      redis.call('HSET', KEYS[1], 'status', after, 'reason', 'the last delivery failed its whole retry schedule')
    end
  end
end
-- Called only for a final failure or a success after failures: the record changed either way.
redis.call('INCR', KEYS[2])
return { failures, before, after, seq }
