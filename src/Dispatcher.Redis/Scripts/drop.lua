-- Drops a webhook's whole queue (the webhook was deleted).
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index, KEYS[4] hold, KEYS[5] hold sequence (optional);
-- ARGV[1] webhook id.
redis.call('DEL', KEYS[1], KEYS[2], KEYS[4])
if KEYS[5] then
  redis.call('DEL', KEYS[5])
end
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
