-- Writes a request's events and their deliveries for the webhooks of ONE partition, in one call.
-- KEYS[1] partition ready index, then per event: its body, then per webhook: queue, queue records, hold.
-- ARGV[1] body ttl (s), ARGV[2] due (ms), ARGV[3] the ingest span's traceparent ('' for none), then
-- per event: id, workspace, type, created (ms), data, webhook count n, then n pairs of webhook id,
-- delivery id. An event may have no webhook here (n = 0): that is its home partition, where its body
-- is written anyway as its dedupe marker, with only id and workspace (no delivery here reads the rest,
-- and a full copy would double the bytes of every event whose webhooks all live elsewhere).
-- Returns one 1 (written) or 0 (its body was already here: nothing written) per event, in order.
-- The body doubles as the partition's idempotency marker (and, in the event's home partition, as
-- the producer-facing dedupe marker): a producer's retry after a partial write finds it and writes
-- nothing twice. It is written LAST for each event: a store that logs a script's writes one by one
-- (the embedded Garnet) can come back from a crash with only a prefix of them, and a body written
-- first would then mark the event done with no delivery queued, so the producer's retry would be
-- acknowledged and never delivered. Written last, a retry redoes the rest: delivery ids are derived
-- from (workspace, event, webhook), so the redo doubles nothing.
local written = {}
-- Each webhook's hold is read once per call (false when absent): a request often brings several
-- events for one webhook.
local holds = {}
local k, a = 2, 4
while a <= #ARGV do
  local body, n = KEYS[k], tonumber(ARGV[a + 5])
  if redis.call('EXISTS', body) == 1 then
    written[#written + 1] = 0
  else
    for i = 0, n - 1 do
      local queue, records, hold = KEYS[k + 1 + 3 * i], KEYS[k + 2 + 3 * i], KEYS[k + 3 + 3 * i]
      local webhook, delivery = ARGV[a + 6 + 2 * i], ARGV[a + 7 + 2 * i]
      local held = holds[webhook]
      if held == nil then
        held = redis.call('GET', hold)
        holds[webhook] = held
      end
      redis.call('HSET', records, delivery, '0 - ' .. body)
      redis.call('ZADD', queue, ARGV[2], delivery)
      sync_added(KEYS[1], held, webhook, ARGV[2])
    end
    if n == 0 then
      redis.call('HSET', body, 'id', ARGV[a], 'ws', ARGV[a + 1])
    elseif ARGV[3] ~= '' then
      redis.call('HSET', body, 'id', ARGV[a], 'ws', ARGV[a + 1], 'type', ARGV[a + 2], 'created', ARGV[a + 3], 'data', ARGV[a + 4], 'tp', ARGV[3])
    else
      redis.call('HSET', body, 'id', ARGV[a], 'ws', ARGV[a + 1], 'type', ARGV[a + 2], 'created', ARGV[a + 3], 'data', ARGV[a + 4])
    end
    redis.call('EXPIRE', body, ARGV[1])
    written[#written + 1] = 1
  end
  k = k + 1 + 3 * n
  a = a + 6 + 2 * n
end
return written
