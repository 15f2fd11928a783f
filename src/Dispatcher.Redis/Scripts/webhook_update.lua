-- Changes some fields of a webhook without re-creating a deleted one.
-- KEYS[1] webhook hash, KEYS[2] the workspace's subscription version (same hash tag).
-- ARGV field, value pairs. Returns 1, or 0 when the webhook does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
-- Pair by pair: unpack differs between Redis's Lua 5.1 and Garnet's Lua 5.4.
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('INCR', KEYS[2])
return 1
