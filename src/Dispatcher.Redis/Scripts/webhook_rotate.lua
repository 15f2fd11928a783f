-- Rotates a webhook's secret: the current one becomes the previous one (replacing an older
-- previous secret) until ARGV[2], and ARGV[1] becomes current. One step, so two racing rotations
-- never lose a secret that was shown to the customer. Values are already protected.
-- KEYS[1] webhook hash, KEYS[2] the workspace's version (bumped: the engine caches webhook records by
-- it, and must sign with the new secret at once). ARGV[1] new secret, ARGV[2] previous secret's expiry (ms), ARGV[3] the
-- protected form of a plain (pre-encryption) current secret or '', ARGV[4] that plain value,
-- ARGV[5] '1' when the value ARGV[4] cannot be decrypted: it is dropped rather than kept as previous.
-- Returns 1, or 0 when the webhook does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local current = redis.call('HGET', KEYS[1], 'secret')
if ARGV[3] ~= '' and current == ARGV[4] then
  current = ARGV[3]
end
redis.call('INCR', KEYS[2])
if ARGV[5] == '1' and current == ARGV[4] then
  redis.call('HSET', KEYS[1], 'secret_prev', '', 'secret_prev_until', 0, 'secret', ARGV[1])
  return 1
end
redis.call('HSET', KEYS[1], 'secret_prev', current, 'secret_prev_until', ARGV[2], 'secret', ARGV[1])
return 1
