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

-- When the webhook may next be claimed: nil while disabled, else the later of its pause and now.
local function held_until(hold)
  local held = redis.call('GET', hold)
  if held == 'disabled' then
    return nil
  end
  return tonumber(held) or 0
end

-- Keeps the partition's ready index in step with the queue's earliest member (and the
-- webhook's hold), so a pump finds the endpoints with due work without scanning every queue.
local function sync_head(queue, ready, hold, webhook)
  local until_ms = held_until(hold)
  local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
  if #head == 0 or until_ms == nil then
    redis.call('ZREM', ready, webhook)
  else
    redis.call('ZADD', ready, math.max(tonumber(head[2]), until_ms), webhook)
  end
end

-- Lease fencing: true when the caller carries a lease epoch (non-empty) that is no longer the
-- partition's current one, i.e. another acquisition happened since; its writes must be refused.
local function stale_epoch(epoch_key, epoch)
  if epoch == nil or epoch == '' then
    return false
  end
  return redis.call('HGET', epoch_key, 'epoch') ~= epoch
end
