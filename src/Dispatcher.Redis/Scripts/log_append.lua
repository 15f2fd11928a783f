-- Appends an attempt to a webhook's delivery log, unless the webhook was deleted meanwhile (an
-- attempt in flight during a delete must not bring its log back).
-- KEYS[1] log list, KEYS[2] webhook hash. ARGV[1] entry, ARGV[2] max entries, ARGV[3] retention (ms).
if redis.call('EXISTS', KEYS[2]) == 0 then
  return 0
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
