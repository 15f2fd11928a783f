-- Disables (ARGV[2] = 'disabled') or releases (ARGV[2] = '') a webhook's deliveries.
-- KEYS[1] queue, KEYS[2] ready index, KEYS[3] hold, KEYS[4] hold sequence (optional);
-- ARGV[1] webhook id, ARGV[3] the status sequence this hold follows (webhook_status.lua).
-- With a sequence, the hold is applied only if no later status change's hold was: a status
-- and its hold live in different slots, so two racing changes end as the later one, in both.
-- Returns 1, or 0 when a later change was already applied or the webhook was deleted (nothing changed).
if redis.call('GET', KEYS[3]) == 'deleted' then
  -- The webhook was deleted (drop.lua): a status change racing the delete changes nothing.
  return 0
end
if KEYS[4] and ARGV[3] then
  local applied = tonumber(redis.call('GET', KEYS[4]))
  if applied and applied >= tonumber(ARGV[3]) then
    return 0
  end
  redis.call('SET', KEYS[4], ARGV[3])
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[3])
else
  redis.call('SET', KEYS[3], ARGV[2])
end
sync_head(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
return 1
