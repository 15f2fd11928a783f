-- Counts the clicks of ONE workspace into its open window, each event at most once.
-- KEYS[1] open windows (sorted set of window starts), KEYS[2] closed-through mark (ms), then one
-- "counted" marker per click. ARGV[1] marker and window ttl (s), ARGV[2] the window start (ms) of
-- the ingest time, ARGV[3] window key base, then one link key per click.
-- The marker makes a producer's retry (even after a crash before its ack, landing in a later
-- minute) or a second instance racing on the same id count nothing twice. A window already
-- closed is never written to again: its late clicks go to the first window not yet closed, so
-- the closer's counts are final and no click is lost.
local start = ARGV[2]
local closed = redis.call('GET', KEYS[2])
if closed and tonumber(closed) > tonumber(start) then
  start = closed
end
local window = ARGV[3] .. start
local counted = 0
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    redis.call('HINCRBY', window, ARGV[i + 1], 1)
    counted = counted + 1
  end
end
if counted > 0 then
  redis.call('EXPIRE', window, ARGV[1])
  redis.call('ZADD', KEYS[1], start, start)
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return counted
