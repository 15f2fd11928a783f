-- Membership heartbeat: records this instance as alive, forgets members silent for longer than
-- the TTL (readers expire the dead; nobody has to say goodbye) and lists the live ones.
-- KEYS[1] members (sorted set, score = last heartbeat ms).
-- ARGV[1] 'beat' | 'leave', ARGV[2] instance id, ARGV[3] now (ms), ARGV[4] ttl (ms).
-- Returns the live members, sorted by id.
if ARGV[1] == 'leave' then
  redis.call('ZREM', KEYS[1], ARGV[2])
  return {}
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (tonumber(ARGV[3]) - tonumber(ARGV[4])))
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
table.sort(members)
return members
