-- Closes one window of a workspace and returns its counts (HGETALL).
-- KEYS[1] closed-through mark (ms), KEYS[2] the window's counts. ARGV[1] window end (ms), ARGV[2] ttl (s).
-- Raising the mark first means no later click lands in this window, so every closer (another
-- instance, or this one again after a crash) reads the same final counts and emits the same event.
local closed = redis.call('GET', KEYS[1])
if not closed or tonumber(closed) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return redis.call('HGETALL', KEYS[2])
