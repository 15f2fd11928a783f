-- Puts a parked webhook back into the partition's ready index, at its queue's head (and hold).
-- KEYS[1] queue, KEYS[2] ready index, KEYS[3] hold, KEYS[4] parked set. ARGV[1] webhook id.
redis.call('SREM', KEYS[4], ARGV[1])
sync_head(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
return 1
