-- Claims due deliveries of several webhooks of ONE partition in one call (see claim_one).
-- KEYS[1] ready index, KEYS[2] lease epoch, then per webhook: queue, queue records, hold.
-- ARGV[1] now (ms), ARGV[2] the caller's lease epoch ('': not fenced), then per webhook:
-- webhook id, claim deadline (ms, also the claim token), most to claim.
-- Returns { 0, per webhook: claim_one's reply }, or { -1 } when the caller's lease epoch is stale:
-- nothing is claimed.
if stale_epoch(KEYS[2], ARGV[2]) then
  return { -1 }
end
local out = { 0 }
for i = 0, (#KEYS - 2) / 3 - 1 do
  out[#out + 1] = claim_one(KEYS[3 + 3 * i], KEYS[4 + 3 * i], KEYS[1], KEYS[5 + 3 * i],
    ARGV[3 + 3 * i], ARGV[1], ARGV[4 + 3 * i], ARGV[5 + 3 * i])
end
return out
