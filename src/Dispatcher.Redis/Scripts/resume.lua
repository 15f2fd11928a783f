-- Lifts a pause (never a disable) early: the deliveries parked until the pause's end are due now.
-- Used when the reason for the pause is gone (an unreadable secret was rotated).
-- KEYS[1] queue, KEYS[2] ready index, KEYS[3] hold; ARGV[1] webhook id, ARGV[2] now (ms).
-- Returns how many deliveries were made due.
local held = tonumber(redis.call('GET', KEYS[3]))
if held == nil then
  return 0
end
redis.call('DEL', KEYS[3])
local parked = redis.call('ZRANGEBYSCORE', KEYS[1], held, held)
for _, delivery in ipairs(parked) do
  redis.call('ZADD', KEYS[1], ARGV[2], delivery)
end
sync_head(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
return #parked
