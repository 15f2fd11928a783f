-- A notification consumer's claim on one log entry. KEYS[1] the claim: absent, "done",
-- "busy <lease end ms> <failed attempts>", or "retry <due ms> <failed attempts>".
-- ARGV[1] now (ms), ARGV[2] lease (ms), ARGV[3] '1' to take over a claim whose lease ran out
-- (at-least-once consumers), else such a claim is settled as abandoned (at-most-once: email),
-- ARGV[4] how long a claim is kept (ms). Returns { 'taken' | 'wait' | 'done' | 'abandoned', failed attempts }.
local claim = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[1])
local failed = 0
if claim == 'done' then
  return { 'done', 0 }
end
if claim then
  local kind, at, attempts = string.match(claim, '^(%a+) (%d+) (%d+)$')
  failed = tonumber(attempts) or 0
  if tonumber(at) > now then
    return { 'wait', failed }
  end
  if kind == 'busy' and ARGV[3] ~= '1' then
    redis.call('SET', KEYS[1], 'done', 'PX', ARGV[4])
    return { 'abandoned', failed }
  end
end
redis.call('SET', KEYS[1], 'busy ' .. (now + tonumber(ARGV[2])) .. ' ' .. failed, 'PX', ARGV[4])
return { 'taken', failed }
