-- Claims up to ARGV[3] due deliveries of one webhook: each is re-scored to the claim deadline,
-- so if this instance dies the delivery simply becomes due again then (at-least-once).
-- Nothing is claimed while the webhook is disabled or paused.
-- KEYS[1] queue, KEYS[2] queue records, KEYS[3] ready index, KEYS[4] hold, KEYS[5] lease epoch (optional).
-- ARGV[1] now (ms), ARGV[2] deadline (ms, also the claim token), ARGV[3] max, ARGV[4] webhook id,
-- ARGV[5] the caller's lease epoch ('' or absent: not fenced).
-- Returns { expired count, { {delivery, attempts, event key}, ... expired },
--   {delivery, attempts, id, workspace, type, created, data, due (ms), traceparent}, ... claimed },
-- or { -1 } when the caller's lease epoch is stale: nothing is claimed. An expired delivery's event
-- outlived its retention (or its record is gone: attempts -1, event key ''); it is dropped here,
-- and the caller puts it on record.
if KEYS[5] and stale_epoch(KEYS[5], ARGV[5]) then
  return { -1 }
end
local out = { 0, {} }
local until_ms = held_until(KEYS[4])
if until_ms == nil or until_ms > tonumber(ARGV[1]) then
  sync_head(KEYS[1], KEYS[3], KEYS[4], ARGV[4])
  return out
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
for i = 1, #due, 2 do
  local delivery, due_ms = due[i], due[i + 1]
  local rec = redis.call('HGET', KEYS[2], delivery)
  local body = false
  local attempts, token, event_key
  if rec then
    attempts, token, event_key = parse_record(rec)
    body = redis.call('HMGET', event_key, 'id', 'ws', 'type', 'created', 'data', 'tp')
  end
  if not rec or not body[1] then
    -- The event outlived its retention (or the record is gone): nothing left to send.
    redis.call('ZREM', KEYS[1], delivery)
    redis.call('HDEL', KEYS[2], delivery)
    out[1] = out[1] + 1
    out[2][#out[2] + 1] = { delivery, attempts or -1, event_key or '' }
  else
    redis.call('ZADD', KEYS[1], ARGV[2], delivery)
    redis.call('HSET', KEYS[2], delivery, attempts .. ' ' .. ARGV[2] .. ' ' .. event_key)
    out[#out + 1] = { delivery, attempts, body[1], body[2], body[3], body[4], body[5], due_ms, body[6] }
  end
end
sync_head(KEYS[1], KEYS[3], KEYS[4], ARGV[4])
return out
