-- Writes a request's events and their deliveries for the webhooks of ONE partition, in one call.
-- KEYS[1] partition ready index, KEYS[2] lease epoch, then per event: its body, then per webhook:
-- queue, queue records, hold.
-- ARGV[1] body ttl (s), ARGV[2] due (ms), ARGV[3] the ingest span's traceparent ('' for none),
-- ARGV[4] the caller's lease epoch ('': it claims nothing, see below), then per event: id, workspace,
-- type, created (ms), data, webhook count n, then n triples of webhook id, delivery id, claim deadline
-- (ms, also the claim token; '': queue it). An event may have no webhook here (n = 0): that is its
-- home partition, where its body is written anyway as its dedupe marker, with only id and workspace
-- (no delivery here reads the rest, and a full copy would double the bytes of every event whose
-- webhooks all live elsewhere).
-- Returns { one 1 (written) or 0 (its body was already here: nothing written) per event, in order;
-- the ids of the deliveries written claimed }.
-- Claimed at enqueue: the caller holds this partition's lease (ARGV[4] is current) and has a free
-- slot in the webhook's channel, so a new delivery is written already claimed by it, as claim.lua
-- would have claimed it, and handed to its sender with no claim round trip. Only while the webhook
-- is not held and nothing in its queue is due: a delivery never overtakes one that waits.
local written = {}
-- Each webhook's hold is read once per call (false when absent): a request often brings several
-- events for one webhook.
local holds = {}
-- Per webhook, whether this call may write its deliveries claimed (read once: what this call adds
-- claimed is due only at its deadline, so it cannot make the queue due).
local claimable = {}
local claimed = {}
local now = tonumber(ARGV[2])
local no_claims = ARGV[4] == '' or stale_epoch(KEYS[2], ARGV[4])
local k, a = 3, 5
while a <= #ARGV do
  local body, n = KEYS[k], tonumber(ARGV[a + 5])
  if redis.call('EXISTS', body) == 1 then
    written[#written + 1] = 0
  else
    for i = 0, n - 1 do
      local queue, records, hold = KEYS[k + 1 + 3 * i], KEYS[k + 2 + 3 * i], KEYS[k + 3 + 3 * i]
      local webhook, delivery, deadline = ARGV[a + 6 + 3 * i], ARGV[a + 7 + 3 * i], ARGV[a + 8 + 3 * i]
      local held = holds[webhook]
      if held == nil then
        held = redis.call('GET', hold)
        holds[webhook] = held
      end
      local claim = false
      if deadline ~= '' and not no_claims then
        claim = claimable[webhook]
        if claim == nil then
          local until_ms = until_of(held)
          claim = until_ms ~= nil and until_ms <= now and not head_due(queue, now)
          claimable[webhook] = claim
        end
      end
      if claim then
        redis.call('HSET', records, delivery, '0 ' .. deadline .. ' ' .. body)
        redis.call('ZADD', queue, deadline, delivery)
        sync_added(KEYS[1], held, webhook, deadline)
        claimed[#claimed + 1] = delivery
      else
        redis.call('HSET', records, delivery, '0 - ' .. body)
        redis.call('ZADD', queue, ARGV[2], delivery)
        sync_added(KEYS[1], held, webhook, ARGV[2])
      end
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
  a = a + 6 + 3 * n
end
return { written, claimed }
