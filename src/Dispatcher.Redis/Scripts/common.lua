-- Shared by every schedule script (prepended at load time).
-- A delivery record in a queue's hash is "<attempts made> <claim token> <event key>";
-- the claim token is "-" while nobody holds the delivery.
-- A webhook's hold key is absent, "disabled", or the time (ms) until which it is paused
-- (a receiver's Retry-After).

local function parse_record(rec)
  local a = string.find(rec, ' ', 1, true)
  local b = string.find(rec, ' ', a + 1, true)
  return tonumber(string.sub(rec, 1, a - 1)), string.sub(rec, a + 1, b - 1), string.sub(rec, b + 1)
end

-- When the webhook may next be claimed, given its hold's value (false when absent): nil while
-- disabled, else its pause (0 when none). A script reads a webhook's hold once and passes the value
-- on: each redis.call costs Redis a command's work on top of the Lua it runs.
local function until_of(held)
  if held == 'disabled' then
    return nil
  end
  return tonumber(held) or 0
end

-- Keeps the partition's ready index in step with the queue's earliest member (and the
-- webhook's hold, whose value the caller read), so a pump finds the endpoints with due work
-- without scanning every queue.
local function sync_head_held(queue, ready, held, webhook)
  local until_ms = until_of(held)
  local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
  if #head == 0 or until_ms == nil then
    redis.call('ZREM', ready, webhook)
  else
    redis.call('ZADD', ready, math.max(tonumber(head[2]), until_ms), webhook)
  end
end

local function sync_head(queue, ready, hold, webhook)
  sync_head_held(queue, ready, redis.call('GET', hold), webhook)
end

-- sync_head after adding a delivery due at `due` to a queue: the new head is the earlier of the
-- old one and `due`, so the index's score can only move down to max(due, pause). ZADD LT does that
-- (and adds a webhook the index did not hold) without reading the queue.
local function sync_added(ready, held, webhook, due)
  local until_ms = until_of(held)
  if until_ms == nil then
    redis.call('ZREM', ready, webhook)
  else
    redis.call('ZADD', ready, 'LT', math.max(tonumber(due), until_ms), webhook)
  end
end

-- Whether the queue's earliest delivery is due at `now` (ms).
local function head_due(queue, now)
  local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
  return #head > 0 and tonumber(head[2]) <= now
end

-- Lease fencing: true when the caller carries a lease epoch (non-empty) that is no longer the
-- partition's current one, i.e. another acquisition happened since; its writes must be refused.
local function stale_epoch(epoch_key, epoch)
  if epoch == nil or epoch == '' then
    return false
  end
  return redis.call('HGET', epoch_key, 'epoch') ~= epoch
end

-- Lua 5.1 (Redis) has unpack, Lua 5.4 (Garnet) table.unpack: with it a script writes many fields or
-- members of one key in one command (a batch's hundred values are far below either's stack limit).
local unpack = table.unpack or unpack

-- Writes a batch's changes to one webhook's queue, one command per kind: `gone` deliveries leave
-- the queue and its records; `rewritten` (delivery, record pairs) and `rescored` (score, delivery
-- pairs) update the rest.
local function write_queue(queue, records, gone, rewritten, rescored)
  if #gone > 0 then
    redis.call('ZREM', queue, unpack(gone))
    redis.call('HDEL', records, unpack(gone))
  end
  if #rescored > 0 then
    redis.call('HSET', records, unpack(rewritten))
    redis.call('ZADD', queue, unpack(rescored))
  end
end

-- Claims up to max due deliveries of one webhook, each re-scored to the claim deadline (also the
-- claim token), so if this instance dies the delivery is simply due again then (at-least-once).
-- Nothing is claimed while the webhook is disabled or paused. Returns
-- { { {delivery, attempts, event key}, ... expired }, {delivery, attempts, id, workspace, type,
-- created, data, due (ms), traceparent}, ... claimed }. An expired delivery's event outlived its
-- retention (or its record is gone: attempts -1, event key ''); it is dropped here, and the caller
-- puts it on record. The webhook's records are read, and its claims written, one command each for
-- all its due deliveries; only the event bodies are read one by one (each is a key of its own).
local function claim_one(queue, records, ready, hold, webhook, now, deadline, max)
  local out = { {} }
  local held = redis.call('GET', hold)
  local until_ms = until_of(held)
  if until_ms == nil or until_ms > tonumber(now) then
    sync_head_held(queue, ready, held, webhook)
    return out
  end
  local due = redis.call('ZRANGEBYSCORE', queue, '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(max))
  if #due > 0 then
    local ids = {}
    for i = 1, #due, 2 do
      ids[#ids + 1] = due[i]
    end
    local recs = redis.call('HMGET', records, unpack(ids))
    local dropped, rescored, rewritten = {}, {}, {}
    for j, delivery in ipairs(ids) do
      local rec = recs[j]
      local body = false
      local attempts, token, event_key
      if rec then
        attempts, token, event_key = parse_record(rec)
        body = redis.call('HMGET', event_key, 'id', 'ws', 'type', 'created', 'data', 'tp')
      end
      if not rec or not body[1] then
        dropped[#dropped + 1] = delivery
        out[1][#out[1] + 1] = { delivery, attempts or -1, event_key or '' }
      else
        rescored[#rescored + 1] = deadline
        rescored[#rescored + 1] = delivery
        rewritten[#rewritten + 1] = delivery
        rewritten[#rewritten + 1] = attempts .. ' ' .. deadline .. ' ' .. event_key
        out[#out + 1] = { delivery, attempts, body[1], body[2], body[3], body[4], body[5], due[2 * j], body[6] }
      end
    end
    write_queue(queue, records, dropped, rewritten, rescored)
  end
  sync_head_held(queue, ready, held, webhook)
  return out
end

-- A log lives `retention` after its last write; called once per log per script, after its appends.
-- Its three keys' expiry is moved only when it has run down by a 720th of the retention (an hour of
-- 30 days): a PTTL read is far cheaper than three PEXPIREs, each a write copied to the AOF and the
-- replicas. So a log lives between 719/720 and all of the retention after its last write.
local function log_expire(index, summaries, records, retention)
  local keep = tonumber(retention)
  local left = redis.call('PTTL', index)
  if left >= 0 and left > keep - math.floor(keep / 720) then
    return
  end
  redis.call('PEXPIRE', index, keep)
  redis.call('PEXPIRE', summaries, keep)
  redis.call('PEXPIRE', records, keep)
end

-- Puts a delivery that failed for good in the webhook's failed index (sorted set,
-- "<delivery> <event id>" → when it failed, ms): what recover reads, since the log keeps only its
-- last deliveries. Written only on failure, so a delivery that succeeds costs nothing here; a
-- delivery that fails again (after a replay) moves to its latest failure. Returns that time, for
-- failed_trim. The time is the failing attempt's (the log entry's), else Redis's clock.
local function note_failed(index, delivery, event_id, at_ms)
  local at = tonumber(at_ms)
  if at == nil or at <= 0 then
    local now = redis.call('TIME')
    at = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  end
  redis.call('ZADD', index, at, delivery .. ' ' .. event_id)
  return at
end

-- Forgets failures older than the event bodies live (nothing could be sent again for them) and
-- lets the whole index expire with the last of them; called once per index per script.
local function failed_trim(index, now_ms, retention)
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. (tonumber(now_ms) - tonumber(retention)))
  redis.call('PEXPIRE', index, retention)
end

-- An hour's counters are read until a day after the hour ends; one more hour covers instances whose
-- clocks disagree. Relative to the attempt's time, as the log's expiry is. The expiry depends on the
-- hour alone, so it is set when an outcome is first counted in the hour, not on every count.
local function stats_expire(stats, at_ms)
  local at = tonumber(at_ms)
  redis.call('PEXPIRE', stats, at - at % 3600000 + 26 * 3600000 - at)
end

-- Counts logged attempts in their webhook's counters of the hour each one's time falls in (its
-- `stats` key, named by the caller): field "<minute of the hour>:<outcome>", for the charts, and
-- "h:<outcome>", the hour's total, so 24 h figures read 24 totals rather than 1440 minutes. The
-- outcome is the summary's first word (see log_attempts). The counts are summed per hash and field
-- first, then added with one HINCRBY each. Integer arithmetic only: Garnet's Lua 5.4 would print a
-- float as "5.0". Counters are figures, not records: a broken counter key must not cost the caller.
local function count_attempts(attempts)
  local hours, order = {}, {}
  for _, attempt in ipairs(attempts) do
    local at = tonumber(attempt.at_ms)
    local space = string.find(attempt.summary, ' ', 1, true)
    local outcome = space and string.sub(attempt.summary, 1, space - 1) or attempt.summary
    local hour = hours[attempt.stats]
    if not hour then
      hour = { at = attempt.at_ms, fields = {}, order = {} }
      hours[attempt.stats] = hour
      order[#order + 1] = attempt.stats
    end
    for _, field in ipairs({ math.floor((at % 3600000) / 60000) .. ':' .. outcome, 'h:' .. outcome }) do
      if not hour.fields[field] then
        hour.fields[field] = 0
        hour.order[#hour.order + 1] = field
      end
      hour.fields[field] = hour.fields[field] + 1
    end
  end
  for _, stats in ipairs(order) do
    local hour = hours[stats]
    pcall(function()
      for _, field in ipairs(hour.order) do
        local n = hour.fields[field]
        -- The hour's first counts of an outcome: the hash may be new (see stats_expire).
        if redis.call('HINCRBY', stats, field, n) == n and string.sub(field, 1, 2) == 'h:' then
          stats_expire(stats, hour.at)
        end
      end
    end)
  end
end

-- Adds attempts to one webhook's delivery log, which keeps its last `max` deliveries (not
-- attempts): `index` (sorted set, delivery → first attempt's time, ms), `summaries` (hash,
-- delivery → "<outcome> <status> <attempts> <last at ms> <event type>", what filters read),
-- `records` (hash, delivery → its attempts' entries, oldest first, one per line). Each attempt is
-- { delivery, entry, at_ms, summary, stats } (stats: its counters' key, see count_attempts). The
-- oldest deliveries leave all three together. Nothing is written once the webhook was deleted
-- (`held`, the value of its hold, is the tombstone drop.lua leaves), so an attempt in flight during a
-- delete cannot bring its log back. A delivery's first attempt costs no read (ZADD NX says it is
-- new), and the entries, summaries and counters are written with one command each for all of them.
-- Moves the log's expiry (log_expire) and returns the latest attempt's time, or nil when nothing
-- was written.
local function log_attempts(index, summaries, records, held, attempts, max, retention)
  if held == 'deleted' or #attempts == 0 then
    return nil
  end
  local fresh, sums, last = {}, {}, nil
  for _, attempt in ipairs(attempts) do
    local delivery, entry = attempt.delivery, attempt.entry
    if redis.call('ZADD', index, 'NX', attempt.at_ms, delivery) == 1 then
      fresh[#fresh + 1] = delivery
      fresh[#fresh + 1] = entry
    else
      -- A later attempt: appended to what is stored (written first if it came in this batch).
      if #fresh > 0 then
        redis.call('HSET', records, unpack(fresh))
        fresh = {}
      end
      local previous = redis.call('HGET', records, delivery)
      redis.call('HSET', records, delivery, previous and (previous .. '\n' .. entry) or entry)
    end
    sums[#sums + 1] = delivery
    sums[#sums + 1] = attempt.summary
    if last == nil or tonumber(last) < tonumber(attempt.at_ms) then
      last = attempt.at_ms
    end
  end
  if #fresh > 0 then
    redis.call('HSET', records, unpack(fresh))
  end
  redis.call('HSET', summaries, unpack(sums))
  local excess = redis.call('ZCARD', index) - tonumber(max)
  if excess > 0 then
    local oldest = redis.call('ZRANGE', index, 0, excess - 1)
    redis.call('ZREMRANGEBYRANK', index, 0, excess - 1)
    -- In slices: a log cut down to a smaller LogEntries may shed thousands at once, past unpack's limit.
    for from = 1, #oldest, 500 do
      local to = math.min(from + 499, #oldest)
      redis.call('HDEL', records, unpack(oldest, from, to))
      redis.call('HDEL', summaries, unpack(oldest, from, to))
    end
  end
  log_expire(index, summaries, records, retention)
  count_attempts(attempts)
  return last
end

-- The webhook's latest attempt (ms, as the caller's string), never moved back by an attempt settled late.
local function note_last(last, at_ms, retention)
  local current = tonumber(redis.call('GET', last))
  if current == nil or current < tonumber(at_ms) then
    redis.call('SET', last, at_ms, 'PX', retention)
  end
end
