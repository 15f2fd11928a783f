-- Takes, renews or releases a partition's lease. Only the holder delivers for a partition.
-- KEYS[1] lease key (value: holder id, expires), KEYS[2] the partition's epoch hash (never expires).
-- ARGV[1] 'acquire' | 'release', ARGV[2] instance id, ARGV[3] ttl (ms).
-- acquire: returns { 0 elsewhere | 1 renewed | 2 acquired, epoch, previous holder, previous released (1/0) }.
--   Renewing keeps the epoch; taking a free lease moves it on (unique per acquisition, see below), so
--   every writer that still carries the old epoch (claim, settle) is refused from then on. The previous holder is the
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
-- The epoch is Redis's clock in microseconds (never below the last epoch + 1), not a counter: a
-- failover that loses the last acquisition rolls a counter back, and the next acquisition would
-- hand the lost holder's number to another instance, whose writes the lost holder could then make.
-- A clock reading is never handed out twice, so the number names one acquisition by one holder.
local now = redis.call('TIME')
local epoch = math.max(tonumber(redis.call('HGET', KEYS[2], 'epoch') or '0') + 1,
  tonumber(now[1]) * 1000000 + tonumber(now[2]))
redis.call('HSET', KEYS[2], 'epoch', string.format('%.0f', epoch), 'holder', ARGV[2], 'released', '0')
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return { 2, epoch, previous, released }
