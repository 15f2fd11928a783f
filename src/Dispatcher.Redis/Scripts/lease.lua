-- Takes, renews or releases a partition's lease. Only the holder delivers for a partition.
-- KEYS[1] lease key (value: holder id, expires), KEYS[2] the partition's epoch hash (never expires).
-- ARGV[1] 'acquire' | 'release', ARGV[2] instance id, ARGV[3] ttl (ms).
-- acquire: returns { 0 elsewhere | 1 renewed | 2 acquired, epoch, previous holder, previous released (1/0) }.
--   Renewing keeps the epoch; taking a free lease increments it, so every writer that still
--   carries the old epoch (claim, settle) is refused from then on. The previous holder is the
--   holder of the last epoch ('' if none) and whether it released the lease or let it expire.
--   When another instance holds the lease: { 0, 0, its id, 0 }.
-- release: drops the lease if this instance holds it, and records that it was handed back.
local holder = redis.call('GET', KEYS[1])
if ARGV[1] == 'release' then
  if holder == ARGV[2] then
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[2], 'released', '1')
  end
  return 1
end
if holder == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return { 1, tonumber(redis.call('HGET', KEYS[2], 'epoch') or '0'), '', 0 }
end
if holder then
  return { 0, 0, holder, 0 }
end
local previous = redis.call('HGET', KEYS[2], 'holder') or ''
local released = tonumber(redis.call('HGET', KEYS[2], 'released') or '1')
local epoch = redis.call('HINCRBY', KEYS[2], 'epoch', 1)
redis.call('HSET', KEYS[2], 'holder', ARGV[2], 'released', '0')
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return { 2, epoch, previous, released }
