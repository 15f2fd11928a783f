-- Which instance holds a `dispatcher listen` session's stream.
-- KEYS[1] the session's key (value: instance id, expires). ARGV[1] 'claim' | 'refresh' | 'release',
-- ARGV[2] instance id, ARGV[3] ttl (ms).
-- claim: the newest stream wins (a CLI that reconnected elsewhere moves its session there).
-- refresh: extends the entry while it names this instance, or writes it again if it expired;
--   never takes over an entry naming another instance (a newer stream of the same session).
-- release: deletes the entry only if it still names this instance.
-- Returns 1 when the entry names this instance afterwards (claim, refresh), or was deleted (release).
local holder = redis.call('GET', KEYS[1])
if ARGV[1] == 'release' then
  if holder == ARGV[2] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
if ARGV[1] == 'refresh' and holder and holder ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
