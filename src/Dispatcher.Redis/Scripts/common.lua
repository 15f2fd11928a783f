-- Shared by every schedule script (prepended at load time).
-- A delivery record in a queue's hash is "<attempts made> <claim token> <event key>";
-- the claim token is "-" while nobody holds the delivery.

local function parse_record(rec)
  local a = string.find(rec, ' ', 1, true)
  local b = string.find(rec, ' ', a + 1, true)
  return tonumber(string.sub(rec, 1, a - 1)), string.sub(rec, a + 1, b - 1), string.sub(rec, b + 1)
end

-- Keeps the partition's ready index in step with the queue's earliest member, so a pump finds
-- the endpoints with due work without scanning every queue.
local function sync_head(queue, ready, webhook)
  local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
  if #head == 0 then
    redis.call('ZREM', ready, webhook)
  else
    redis.call('ZADD', ready, head[2], webhook)
  end
end
