-- AIMS quota counters (aims-redis RedisQuotaStore). One call of this script is one atomic step: Redis runs a
-- script to the end before any other command, so two instances can never both spend the last tokens.
--
-- KEYS[1]  the counter: a string (fixed window, token bucket) or a hash of slice counters (sliding window)
-- ARGV[1]  operation: c = consume (check and charge), a = charge (add without checking), r = refund
-- ARGV[2]  window kind: F fixed, S sliding, R refilling
-- ARGV[3]  amount, an integer >= 0
-- ARGV[4]  limit, an integer >= 0
-- ARGV[5]  F: the window's end, epoch ms; S: slice length, ms; R: refill period, ms
-- ARGV[6]  S: number of slices; otherwise 0
-- ARGV[7]  a, r: the time of the consumption being corrected, epoch microseconds on this server's clock
--
-- Returns {granted 1/0, used, resets (epoch microseconds on this server's clock; 0 for F), now (same clock)}.
--
-- Sliding and refilling windows run on this server's clock (TIME), so that every instance of a fleet sees the
-- same window whatever its own clock says. Fixed windows are named by the caller (a calendar day or month), and
-- their key carries the window, so clocks only matter at the boundary.
-- Numbers are Lua doubles: exact up to 2^53. They are written back with %.0f, never with tostring (which would
-- write 1.7e+15 and lose digits).

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local key = KEYS[1]
local op = ARGV[1]
local kind = ARGV[2]
local amount = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])

local function int(x)
  return string.format('%.0f', x)
end

if kind == 'F' then
  -- A fixed window's counter lives a minute past the window's end, for instances whose clocks run late, and at
  -- least a minute from now, for a caller whose clock runs far behind this server's.
  local expires = int(math.max(tonumber(ARGV[5]), math.floor(now / 1000)) + 60000)
  if op == 'c' then
    local used = tonumber(redis.call('GET', key) or '0')
    if amount > limit - used then
      return {0, used, 0, now}
    end
    local n = redis.call('INCRBY', key, ARGV[3])
    if used == 0 then
      redis.call('PEXPIREAT', key, expires)
    end
    return {1, n, 0, now}
  end
  if redis.call('EXISTS', key) == 0 then
    return {0, 0, 0, now}
  end
  if op == 'a' then
    redis.call('INCRBY', key, ARGV[3])
  elseif redis.call('DECRBY', key, ARGV[3]) < 0 then
    redis.call('SET', key, '0', 'KEEPTTL')
  end
  return {1, 0, 0, now}
end

if kind == 'S' then
  local slice = tonumber(ARGV[5]) * 1000
  local slices = tonumber(ARGV[6])
  local id = math.floor(now / slice)
  if op ~= 'c' then
    local at = math.floor(tonumber(ARGV[7]) / slice)
    if at <= id - slices then
      return {0, 0, 0, now}
    end
    local field = int(at)
    if redis.call('HEXISTS', key, field) == 0 then
      return {0, 0, 0, now}
    end
    if op == 'a' then
      redis.call('HINCRBY', key, field, ARGV[3])
    elseif redis.call('HINCRBY', key, field, '-' .. ARGV[3]) < 0 then
      redis.call('HSET', key, field, '0')
    end
    return {1, 0, 0, now}
  end
  local all = redis.call('HGETALL', key)
  local used = 0
  local counts = {}
  local stale = {}
  for i = 1, #all, 2 do
    local sid = tonumber(all[i])
    local n = tonumber(all[i + 1])
    -- A slice ahead of this one (the server's clock stepped back) still counts: erring on the side of the limit.
    if sid > id - slices then
      used = used + n
      counts[sid] = n
    else
      stale[#stale + 1] = all[i]
    end
  end
  if #stale > 0 then
    redis.call('HDEL', key, unpack(stale))
  end
  if amount > limit - used then
    local resets = (id + slices) * slice
    if amount <= limit then
      local freed = 0
      for oldest = id - slices + 1, id do
        freed = freed + (counts[oldest] or 0)
        if used - freed + amount <= limit then
          resets = (oldest + slices) * slice
          break
        end
      end
    end
    return {0, used, resets, now}
  end
  redis.call('HINCRBY', key, int(id), ARGV[3])
  redis.call('PEXPIRE', key, int((slices + 1) * slice / 1000))
  return {1, used + amount, (id + slices) * slice, now}
end

-- R: a token bucket kept as one number, the "theoretical arrival time" at which it would be full again (GCRA).
-- Consuming n of a limit L per period P moves it forward by n * P / L; an amount fits while it stays within P of now.
local period = tonumber(ARGV[5]) * 1000
local tat = tonumber(redis.call('GET', key) or '0')

local function store(tat_)
  if tat_ <= now then
    redis.call('DEL', key)
  else
    redis.call('SET', key, int(tat_), 'PX', int(math.ceil((tat_ - now) / 1000) + 1))
  end
end

if op == 'c' then
  if limit == 0 then
    return {amount == 0 and 1 or 0, 0, now + period, now}
  end
  local per = period / limit
  local function used(backlog)
    if backlog <= 0 then
      return 0
    end
    return math.min(limit, math.ceil(backlog / per))
  end
  local base = math.max(tat, now)
  if amount > limit then
    return {0, used(base - now), base + period, now}
  end
  local nxt = base + math.ceil(amount * per)
  if nxt - now > period then
    return {0, used(base - now), nxt - period, now}
  end
  store(nxt)
  return {1, used(nxt - now), nxt, now}
end
if limit == 0 then
  return {0, 0, 0, now}
end
local inc = math.ceil(amount * period / limit)
if op == 'a' then
  store(math.max(tat, tonumber(ARGV[7])) + inc)
elseif tat > 0 then
  store(math.max(0, tat - inc))
end
return {1, 0, 0, now}
