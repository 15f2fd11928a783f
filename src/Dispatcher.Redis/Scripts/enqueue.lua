-- Writes one event and its deliveries for the webhooks of ONE partition, atomically.
-- KEYS[1] event body, KEYS[2] partition ready index, then per webhook: queue, queue records, hold.
-- ARGV[1] body ttl (s), ARGV[2] due (ms), ARGV[3..7] id, workspace, type, created (ms), data,
-- then per webhook: webhook id, delivery id; then, optionally, the ingest span's traceparent.
-- The body doubles as the partition's idempotency marker: a producer's retry after a partial
-- write finds it and writes nothing twice. It is written LAST: a store that logs a script's writes
-- one by one (the embedded Garnet) can come back from a crash with only a prefix of them, and a
-- body written first would then mark the event done with no delivery queued, so the producer's
-- retry would be acknowledged and never delivered. Written last, a retry redoes the rest: delivery
-- ids are derived from (workspace, event, webhook), so the redo doubles nothing.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
for i = 0, (#KEYS - 2) / 3 - 1 do
  local queue, records, hold = KEYS[3 + 3 * i], KEYS[4 + 3 * i], KEYS[5 + 3 * i]
  local webhook, delivery = ARGV[8 + 2 * i], ARGV[9 + 2 * i]
  redis.call('HSET', records, delivery, '0 - ' .. KEYS[1])
  redis.call('ZADD', queue, ARGV[2], delivery)
  sync_head(queue, KEYS[2], hold, webhook)
end
local traceparent = ARGV[8 + 2 * ((#KEYS - 2) / 3)]
if traceparent then
  redis.call('HSET', KEYS[1], 'id', ARGV[3], 'ws', ARGV[4], 'type', ARGV[5], 'created', ARGV[6], 'data', ARGV[7], 'tp', traceparent)
else
  redis.call('HSET', KEYS[1], 'id', ARGV[3], 'ws', ARGV[4], 'type', ARGV[5], 'created', ARGV[6], 'data', ARGV[7])
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
