-- Settles claimed attempts of ONE partition in one call, each with its delivery-log entry:
-- the entry and the settle are one atomic step, so the log never misses an attempt that was
-- settled. An entry is written even when its claim has gone stale (the attempt happened); a
-- settle is refused (0) when the claim is no longer ours or its lease epoch is stale.
-- A delivery settled as failed (out of attempts) is also put in the webhook's failed index
-- (see note_failed), so recover finds it after the log has let it go. Each logged attempt is also
-- counted in its webhook's counters of its hour (count_attempt) and moves its last delivery time
-- (note_last): the dashboard's figures cost no round trip of their own.
-- KEYS[1] ready index, KEYS[2] lease epoch, then per item: queue, queue records, hold,
--   log index, log summaries, log records (see log_attempt), failed index, counters of the hour of
--   the entry's time, last delivery time.
-- ARGV[1] log deliveries kept, ARGV[2] log retention (ms), ARGV[3] failed index retention (ms),
--   then per item: delivery, claim token, webhook id, outcome (see settle_one), time (ms),
--   lease epoch ('': not fenced), log entry ('': none), the entry's time (ms), the entry's
--   summary, the event id.
-- Returns one 1/0 per item, or -1 for an item whose settle met an error (its claim then simply expires).
local current_epoch = redis.call('HGET', KEYS[2], 'epoch')
local out = {}
-- Per webhook, once after all its items: the ready index, the log's expiry, the last time; the
-- counters' expiry once per hour's hash and outcome (see stats_expire).
local touched, order = {}, {}
for i = 0, (#KEYS - 2) / 9 - 1 do
  local k, a = 3 + 9 * i, 4 + 10 * i
  local queue, records, hold, webhook = KEYS[k], KEYS[k + 1], KEYS[k + 2], ARGV[a + 2]
  local seen = touched[webhook]
  if not seen then
    -- The hold is read once per webhook: the log's deleted check and the ready index use its value.
    seen = { k = k, held = redis.call('GET', hold), logged = false, settled = false, failed_at = nil, stats = {}, last = nil }
    touched[webhook] = seen
    order[#order + 1] = webhook
  end
  if ARGV[a + 6] ~= '' and log_attempt(KEYS[k + 3], KEYS[k + 4], KEYS[k + 5], seen.held, ARGV[a], ARGV[a + 7], ARGV[a + 8], ARGV[a + 6], ARGV[1]) == 1 then
    seen.logged = true
    -- Counters are figures, not records: a broken counter key must not cost the settle.
    local counted, total = pcall(count_attempt, KEYS[k + 7], ARGV[a + 7], ARGV[a + 8])
    if counted and total == 1 then
      seen.stats[KEYS[k + 7]] = ARGV[a + 7]
    end
    if seen.last == nil or tonumber(seen.last) < tonumber(ARGV[a + 7]) then
      seen.last = ARGV[a + 7]
    end
  end
  if ARGV[a + 5] ~= '' and ARGV[a + 5] ~= current_epoch then
    out[#out + 1] = 0
  else
    -- One item's broken record (e.g. a key of the wrong type) must not fail the others' settles.
    local ok, settled = pcall(settle_one, queue, records, hold, ARGV[a], ARGV[a + 1], ARGV[a + 3], ARGV[a + 4])
    out[#out + 1] = ok and settled or -1
    if ok and settled == 1 then
      seen.settled = true
      if ARGV[a + 3] == 'pause' then
        -- settle_one may have moved the hold: the ready index must see its new value.
        seen.held = redis.call('GET', hold)
      end
      if ARGV[a + 3] == 'failed' then
        -- Settled either way: a broken index (a key of the wrong type) only loses this entry.
        local noted, at = pcall(note_failed, KEYS[k + 6], ARGV[a], ARGV[a + 9], ARGV[a + 7])
        if noted then
          seen.failed_at = at
        end
      end
    end
  end
end
for _, webhook in ipairs(order) do
  local seen = touched[webhook]
  local k = seen.k
  if seen.settled then
    sync_head_held(KEYS[k], KEYS[1], seen.held, webhook)
  end
  if seen.logged then
    log_expire(KEYS[k + 3], KEYS[k + 4], KEYS[k + 5], ARGV[2])
    for stats, at_ms in pairs(seen.stats) do
      stats_expire(stats, at_ms)
    end
    pcall(note_last, KEYS[k + 8], seen.last, ARGV[2])
  end
  if seen.failed_at then
    pcall(failed_trim, KEYS[k + 6], seen.failed_at, ARGV[3])
  end
end
return out
