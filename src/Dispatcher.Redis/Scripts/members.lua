-- Membership heartbeat: records this instance as alive, forgets members silent for longer than
-- the TTL (readers expire the dead; nobody has to say goodbye) and lists the live ones.
-- KEYS[1] members (sorted set, score = last heartbeat ms).
-- ARGV[1] 'beat' | 'leave', ARGV[2] instance id, ARGV[3] unused (was the caller's clock), ARGV[4] ttl (ms).
-- Every heartbeat and every expiry reads Redis's clock: one clock for all instances, so an
-- instance whose own clock runs behind is neither dropped while alive nor kept when dead.
-- Returns the live members, sorted by id.
if ARGV[1] == 'leave' then
  redis.call('ZREM', KEYS[1], ARGV[2])
  return {}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%.0f', now - tonumber(ARGV[4])))
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
table.sort(members)
return members
