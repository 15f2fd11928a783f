-- Counts a webhook's delivery outcome toward its status, without re-creating a deleted webhook.
-- KEYS[1] webhook hash, KEYS[2] the workspace's version (bumped: the engine caches webhook
-- records by it), KEYS[3] the workspace's notification log, KEYS[4] its sequence.
-- ARGV[1] 'success' | 'failure', ARGV[2] failures that disable, ARGV[3] reason, ARGV[4] now (ms),
-- ARGV[5] entries the log keeps, ARGV[6] webhook id.
-- Returns { consecutive failures, status before, status after, status sequence, notification
-- entry's sequence }, or an empty array when the webhook no longer exists. The status sequence moves
-- only when this disables the webhook (see webhook_status.lua); otherwise it is 0. The entry's
-- sequence is 0 when the status did not change. A change of status stamps `status_at` with ARGV[4].
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
local before = redis.call('HGET', KEYS[1], 'status') or 'Enabled'
local after = before
local failures = 0
local seq = 0
local reason = ''
if ARGV[1] == 'success' then
  if before == 'Failing' then
    after = 'Enabled'
    reason = 'a delivery succeeded'
    redis.call('HSET', KEYS[1], 'status', after, 'reason', '')
  end
  redis.call('HSET', KEYS[1], 'failures', 0)
else
  failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  if before ~= 'Disabled' then
    if failures >= tonumber(ARGV[2]) then
      after = 'Disabled'
      reason = ARGV[3]
      seq = redis.call('HINCRBY', KEYS[1], 'status_seq', 1)
      redis.call('HSET', KEYS[1], 'status', after, 'reason', reason)
    else
      after = 'Failing'
      reason = 'the last delivery failed its whole retry schedule'
      redis.call('HSET', KEYS[1], 'status', after, 'reason', reason)
    end
  end
end
-- Called only for a final failure or a success after failures: the record changed either way.
redis.call('INCR', KEYS[2])
local note = 0
if before ~= after then
  redis.call('HSET', KEYS[1], 'status_at', ARGV[4])
  local kind = 'webhook.failing'
  if after == 'Disabled' then
    kind = 'webhook.disabled'
  elseif after == 'Enabled' then
    kind = 'webhook.recovered'
  end
  note = append_note(KEYS[3], KEYS[4], ARGV[5], kind, ARGV[6], after, ARGV[4],
    redis.call('HGET', KEYS[1], 'endpoint') or '', reason)
end
return { failures, before, after, seq, note }
