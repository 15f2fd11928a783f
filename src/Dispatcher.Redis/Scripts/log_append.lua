-- Adds one entry to a webhook's delivery log outside a settle (a delivery dropped as expired).
-- KEYS[1] log index, KEYS[2] log summaries, KEYS[3] log records, KEYS[4] the webhook's hold,
-- KEYS[5] the webhook's counters of the hour of ARGV[2] (the drop is counted as its outcome, see count_attempt).
-- ARGV[1] delivery, ARGV[2] time (ms), ARGV[3] summary, ARGV[4] entry, ARGV[5] deliveries kept,
-- ARGV[6] retention (ms). Returns 1, or 0 when the webhook was deleted.
if log_attempt(KEYS[1], KEYS[2], KEYS[3], redis.call('GET', KEYS[4]), ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]) == 0 then
  return 0
end
log_expire(KEYS[1], KEYS[2], KEYS[3], ARGV[6])
local counted, total = pcall(count_attempt, KEYS[5], ARGV[2], ARGV[3])
if counted and total == 1 then
  stats_expire(KEYS[5], ARGV[2])
end
return 1
