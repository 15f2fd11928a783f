-- Creates a webhook unless its workspace already has its limit, in one step, so racing creates
-- can never exceed it. KEYS[1] the workspace's index (set), KEYS[2] the webhook hash, KEYS[3] the
-- workspace's subscription version (same hash tag).
-- ARGV[1] limit, ARGV[2] webhook id, ARGV[3..] hash field, value pairs.
-- Returns 1 when created, 0 when the limit was reached (nothing written).
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
-- Pair by pair: unpack is 'unpack' in Redis's Lua 5.1 but 'table.unpack' in Garnet's Lua 5.4.
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
redis.call('SADD', KEYS[1], ARGV[2])
redis.call('INCR', KEYS[3])
return 1
