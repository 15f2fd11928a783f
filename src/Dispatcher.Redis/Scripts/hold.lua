-- Disables (ARGV[2] = 'disabled') or releases (ARGV[2] = '') a webhook's deliveries.
-- KEYS[1] queue, KEYS[2] ready index, KEYS[3] hold; ARGV[1] webhook id.
if ARGV[2] == '' then
  redis.call('DEL', KEYS[3])
else
  redis.call('SET', KEYS[3], ARGV[2])
end
sync_head(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
return 1
