-- Settles claimed attempts of ONE partition in one call, each with its delivery-log entry:
-- the entry and the settle are one atomic step, so the log never misses an attempt that was
-- settled. An entry is written even when its claim has gone stale (the attempt happened); a
-- settle is refused (0) when the claim is no longer ours or its lease epoch is stale.
-- A delivery settled as failed (out of attempts) is also put in the webhook's failed index
-- (see note_failed), so recover finds it after the log has let it go. Each logged attempt is also
-- counted in its webhook's counters of its hour (count_attempts) and moves its last delivery time
-- (note_last): the dashboard's figures cost no round trip of their own.
-- Items are taken webhook by webhook: each webhook's hold, records, log and counters are read and
-- written with one command each for all its items (only the log's index is written per item: ZADD
-- NX tells a delivery's first entry from a later attempt's).
-- KEYS[1] ready index, KEYS[2] lease epoch, then per item: queue, queue records, hold,
--   log index, log summaries, log records (see log_attempts), failed index, counters of the hour of
--   the entry's time, last delivery time.
-- ARGV[1] log deliveries kept, ARGV[2] log retention (ms), ARGV[3] failed index retention (ms),
--   then per item: delivery, claim token, webhook id, outcome (see below), time (ms),
--   lease epoch ('': not fenced), log entry ('': none), the entry's time (ms), the entry's
--   summary, the event id.
-- Outcomes:
--   done     delivered: leaves the schedule
--   failed   out of attempts: leaves the schedule
--   retry    failed attempt: due again at `time`, one more attempt counted
--   pause    the receiver asked to wait (Retry-After): the webhook is held until `time`;
--            the delivery is due then, no attempt counted
--   release  not attempted (e.g. the webhook is paused): due again at `time`, no attempt counted
-- (A disable is never a settlement: hold.lua writes it with the status sequence that orders it.)
-- Returns one 1/0 per item, or -1 for an item whose settle met an error (a broken record, a key of
-- the wrong type: its claim then simply expires); one webhook's broken keys never fail another's.
local current_epoch = redis.call('HGET', KEYS[2], 'epoch')
local max_logged, retention = ARGV[1], ARGV[2]
local out = {}
local groups, order = {}, {}
for i = 0, (#KEYS - 2) / 9 - 1 do
  local webhook = ARGV[4 + 10 * i + 2]
  local group = groups[webhook]
  if not group then
    group = { k = 3 + 9 * i, items = {} }
    groups[webhook] = group
    order[#order + 1] = webhook
  end
  group.items[#group.items + 1] = i
  out[i + 1] = 0
end

-- The group's attempts with a log entry, in order, as log_attempts takes them.
local function logged_attempts(group)
  local attempts = {}
  for _, i in ipairs(group.items) do
    local a = 4 + 10 * i
    if ARGV[a + 6] ~= '' then
      attempts[#attempts + 1] = { delivery = ARGV[a], entry = ARGV[a + 6], at_ms = ARGV[a + 7], summary = ARGV[a + 8], stats = KEYS[3 + 9 * i + 7] }
    end
  end
  return attempts
end

-- Settles the group's items whose claims are still theirs (see the outcomes above). `group.held`
-- is the webhook's hold, which a pause moves; returns whether any item settled and, for a failure,
-- its time (for failed_trim).
local function settle_group(group)
  local k = group.k
  local queue, records, hold = KEYS[k], KEYS[k + 1], KEYS[k + 2]
  local asks, ids = {}, {}
  for _, i in ipairs(group.items) do
    local epoch = ARGV[4 + 10 * i + 5]
    if epoch == '' or epoch == current_epoch then
      asks[#asks + 1] = i
      ids[#ids + 1] = ARGV[4 + 10 * i]
    end
  end
  if #asks == 0 then
    return false, nil
  end
  local read, recs = pcall(redis.call, 'HMGET', records, unpack(ids))
  if not read then
    for _, i in ipairs(asks) do
      out[i + 1] = -1
    end
    return false, nil
  end
  local gone, moved, rescored, done, failed_at = {}, {}, {}, {}, nil
  for j, i in ipairs(asks) do
    local a = 4 + 10 * i
    local delivery, token, outcome, at = ARGV[a], ARGV[a + 1], ARGV[a + 3], ARGV[a + 4]
    local rec = recs[j]
    if rec and not done[delivery] then
      local parsed, attempts, held_token, event_key = pcall(parse_record, rec)
      if not parsed then
        out[i + 1] = -1
      elseif held_token == token then
        done[delivery] = true
        out[i + 1] = 1
        if outcome == 'done' or outcome == 'failed' then
          gone[#gone + 1] = delivery
          if outcome == 'failed' then
            -- Settled either way: a broken index (a key of the wrong type) only loses this entry.
            local noted, failed = pcall(note_failed, KEYS[k + 6], delivery, ARGV[a + 9], ARGV[a + 7])
            if noted then
              failed_at = failed
            end
          end
        else
          if outcome == 'retry' then
            attempts = attempts + 1
          elseif outcome == 'pause' then
            local current = tonumber(group.held)
            if group.held ~= 'disabled' and group.held ~= 'deleted' and (current == nil or current < tonumber(at)) then
              redis.call('SET', hold, at)
              group.held = at
            end
          end
          moved[#moved + 1] = delivery
          moved[#moved + 1] = attempts .. ' - ' .. event_key
          rescored[#rescored + 1] = at
          rescored[#rescored + 1] = delivery
        end
      end
    end
  end
  local wrote = pcall(write_queue, queue, records, gone, moved, rescored)
  if not wrote then
    for _, i in ipairs(asks) do
      if out[i + 1] == 1 then
        out[i + 1] = -1
      end
    end
    return false, nil
  end
  return next(done) ~= nil, failed_at
end

for _, webhook in ipairs(order) do
  local group = groups[webhook]
  local k = group.k
  group.held = redis.call('GET', KEYS[k + 2])
  local last = log_attempts(KEYS[k + 3], KEYS[k + 4], KEYS[k + 5], group.held, logged_attempts(group), max_logged, retention)
  local settled, failed_at = settle_group(group)
  if settled then
    sync_head_held(KEYS[k], KEYS[1], group.held, webhook)
  end
  if last then
    pcall(note_last, KEYS[k + 8], last, retention)
  end
  if failed_at then
    pcall(failed_trim, KEYS[k + 6], failed_at, ARGV[3])
  end
end
return out
