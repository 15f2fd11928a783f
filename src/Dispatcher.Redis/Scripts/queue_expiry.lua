-- When the first of a webhook's queued events expires (its body's TTL), sampled over the ARGV[1]
-- earliest-due deliveries: while a webhook is disabled nothing moves, so those are its oldest.
-- KEYS[1] queue, KEYS[2] queue records. Returns the smallest TTL in ms, or -1 when nothing is queued.
-- The event bodies share the partition's hash tag, so reading them here stays in one slot.
local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local soonest = -1
for _, delivery in ipairs(members) do
  local rec = redis.call('HGET', KEYS[2], delivery)
  if rec then
    local _, _, event_key = parse_record(rec)
    local ttl = redis.call('PTTL', event_key)
    if ttl >= 0 and (soonest < 0 or ttl < soonest) then
      soonest = ttl
    end
  end
end
return soonest
