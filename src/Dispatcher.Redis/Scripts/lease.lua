-- Takes, renews or releases a partition's lease. Only the holder delivers for a partition.
-- KEYS[1] lease key. ARGV[1] 'acquire' | 'release', ARGV[2] instance id, ARGV[3] ttl (ms).
-- acquire: returns 1 when this instance holds the lease (taken or renewed), 0 when another does.
-- release: drops the lease if this instance holds it.
local holder = redis.call('GET', KEYS[1])
if ARGV[1] == 'release' then
  if holder == ARGV[2] then
    redis.call('DEL', KEYS[1])
  end
  return 1
end
if holder == false or holder == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
