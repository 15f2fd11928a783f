-- Takes a webhook whose channel is full out of the partition's ready index, so the pump's next
-- look at the index sees webhooks it can claim for, however many are blocked. The parked set
-- remembers it: the pump puts it back (unpark.lua) when a slot frees, and a pump starting on the
-- partition (after a crash or a takeover) puts back every member, so no work stays hidden.
-- Settling or queuing work for a parked webhook may add it back to the index; the pump then
-- parks it again if it is still full.
-- KEYS[1] ready index, KEYS[2] parked set, KEYS[3] lease epoch. ARGV[1] webhook id, ARGV[2] the caller's epoch.
-- Returns 1, or 0 when the caller's lease epoch is stale (nothing changed).
if stale_epoch(KEYS[3], ARGV[2]) then
  return 0
end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
