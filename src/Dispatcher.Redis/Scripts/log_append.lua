-- Adds one entry to a webhook's delivery log outside a settle (a delivery dropped as expired).
-- KEYS[1] log index, KEYS[2] log summaries, KEYS[3] log records, KEYS[4] the webhook's hold,
-- KEYS[5] the webhook's counters of the hour of ARGV[2] (the drop is counted as its outcome, see count_attempts).
-- ARGV[1] delivery, ARGV[2] time (ms), ARGV[3] summary, ARGV[4] entry, ARGV[5] deliveries kept,
-- ARGV[6] retention (ms). Returns 1, or 0 when the webhook was deleted.
local attempt = { delivery = ARGV[1], entry = ARGV[4], at_ms = ARGV[2], summary = ARGV[3], stats = KEYS[5] }
if log_attempts(KEYS[1], KEYS[2], KEYS[3], redis.call('GET', KEYS[4]), { attempt }, ARGV[5], ARGV[6]) == nil then
  return 0
end
return 1
