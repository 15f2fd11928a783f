-- Sets a webhook's status and reason (and resets its failure count when enabling),
-- without re-creating a deleted webhook. KEYS[1] webhook hash, KEYS[2] the workspace's version (bumped:
-- the engine caches webhook records by it), KEYS[3] the workspace's notification log, KEYS[4] its
-- sequence. ARGV[1] status, ARGV[2] reason, ARGV[3] now (ms), ARGV[4] entries the log keeps,
-- ARGV[5] webhook id, ARGV[6] the notification's reason.
-- A change of status also stamps `status_at` with ARGV[3] (what the API shows as statusChangedAt);
-- setting the status it already has keeps the time it got it.
-- Returns { the webhook's new status sequence (>= 1), the notification entry's sequence (0 when the
-- status did not change) }, or { 0, 0 } when the webhook no longer exists.
-- The status sequence orders status changes: the hold that follows one (hold.lua, in the partition's
-- slot, so not in this script) is applied only if no later change has been applied already.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 0, 0 }
end
local before = redis.call('HGET', KEYS[1], 'status') or 'Enabled'
local seq = redis.call('HINCRBY', KEYS[1], 'status_seq', 1)
redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[2])
if ARGV[1] == 'Enabled' then
  redis.call('HSET', KEYS[1], 'failures', 0)
end
local note = 0
if before ~= ARGV[1] then
  redis.call('HSET', KEYS[1], 'status_at', ARGV[3])
  local kind = 'webhook.enabled'
  if ARGV[1] == 'Disabled' then
    kind = 'webhook.disabled'
  elseif ARGV[1] == 'Failing' then
    kind = 'webhook.failing'
  end
  note = append_note(KEYS[3], KEYS[4], ARGV[4], kind, ARGV[5], ARGV[1], ARGV[3],
    redis.call('HGET', KEYS[1], 'endpoint') or '', ARGV[6])
end
return { seq, note }
