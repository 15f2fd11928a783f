-- Rotates a webhook's secret: the current one becomes the previous one (replacing an older
-- previous secret) until ARGV[2], and ARGV[1] becomes current. One step, so two racing rotations
-- never lose a secret that was shown to the customer. Values are already protected.
-- KEYS[1] webhook hash. ARGV[1] new secret, ARGV[2] previous secret's expiry (ms).
-- Returns 1, or 0 when the webhook does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local current = redis.call('HGET', KEYS[1], 'secret')
redis.call('HSET', KEYS[1], 'secret_prev', current, 'secret_prev_until', ARGV[2], 'secret', ARGV[1])
return 1
