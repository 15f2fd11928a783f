-- Prepended to the scripts that change a webhook's status (webhook_status.lua, webhook_outcome.lua),
-- so a change and its notification entry are one atomic write and cannot disagree.
-- The notification log is the workspace's: a sorted set whose score is the entry's sequence (from a
-- counter beside it, in the same {ws:W} slot as the webhook). An entry is seven lines:
-- sequence, type, webhook id, status, time (ms), endpoint, reason (last: the only free text).
-- Only the newest `max` entries are kept (the log's retention, docs/architecture.md).
local function append_note(notes, counter, max, kind, webhook_id, status, at_ms, endpoint, reason)
  local seq = redis.call('INCR', counter)
  redis.call('ZADD', notes, seq, seq .. '\n' .. kind .. '\n' .. webhook_id .. '\n' .. status .. '\n' .. at_ms .. '\n' .. endpoint .. '\n' .. reason)
  local extra = redis.call('ZCARD', notes) - tonumber(max)
  if extra > 0 then
    redis.call('ZREMRANGEBYRANK', notes, 0, extra - 1)
  end
  return seq
end
