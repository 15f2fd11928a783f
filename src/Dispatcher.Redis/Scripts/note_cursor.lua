-- Moves a notification consumer's cursor forward, never back (two instances may settle the same
-- stretch of the log). KEYS[1] the cursor, ARGV[1] the sequence every entry up to which is settled.
if (tonumber(redis.call('GET', KEYS[1])) or 0) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
end
return 1
