-- Counts one call against a fixed window unless the window is full. The window starts at its
-- first call and ends when the counter expires, on Redis's clock: every instance sees the same one.
-- KEYS[1] the counter. ARGV[1] the limit, ARGV[2] the window (ms).
-- Returns { 1, 0 } when counted, { 0, ms until the window ends } when full: nothing is written then.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  return { 0, redis.call('PTTL', KEYS[1]) }
end
if used == 0 then
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[2])
else
  redis.call('INCR', KEYS[1])
end
return { 1, 0 }
