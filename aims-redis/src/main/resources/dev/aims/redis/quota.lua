-- AIMS quota counters (aims-redis RedisQuotaStore). One call of this script is one atomic step: Redis runs a
-- script to the end before any other command, so two instances can never both spend the last tokens, and a call's
-- counters (every budget and rate limit it touches, on this shard) change together or not at all.
--
-- KEYS[i]  counter i: a string (fixed window, token bucket) or a hash of slice counters (sliding window)
-- ARGV     seven fields per counter, counter i's starting at ARGV[7 * (i - 1) + 1]:
--   op      c = consume (check and charge), a = charge (add without checking), r = refund
--   kind    F fixed, S sliding, R refilling
--   amount  an integer >= 0
--   limit   an integer >= 0
--   size    F: the window's end, epoch ms; S: slice length, ms; R: refill period, ms
--   slices  S: number of slices; otherwise 0
--   at      a, r: the time of the consumption being corrected, epoch microseconds on this server's clock
--
-- The c counters are all or nothing: each is checked first, and only if every one fits are they all charged.
-- The a and r counters (corrections) apply each on its own; a correction of a counter that is gone is dropped.
--
-- Returns {now, then three numbers per counter: granted 1/0 (c: fits; a, r: applied), used (c: after the charge if
-- all fit, else before it), resets (epoch microseconds on this server's clock; 0 for F)}; now on the same clock.
--
-- Sliding and refilling windows run on this server's clock (TIME), so that every instance of a fleet sees the
-- same window whatever its own clock says. Fixed windows are named by the caller (a calendar day or month), and
-- their key carries the window, so clocks only matter at the boundary.
-- Numbers are Lua doubles: exact up to 2^53. They are written back with %.0f, never with tostring (which would
-- write 1.7e+15 and lose digits).

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local FIELDS = 7

local function int(x)
  return string.format('%.0f', x)
end

-- A token bucket is kept as one number, the "theoretical arrival time" at which it would be full again (GCRA).
local function store_tat(key, tat)
  if tat <= now then
    redis.call('DEL', key)
  else
    redis.call('SET', key, int(tat), 'PX', int(math.ceil((tat - now) / 1000) + 1))
  end
end

-- Checks a consumption. Returns whether it fits, the usage before it and after it (the same when it does not fit),
-- the reset time, and what charging it needs (F: the usage before; S: the slice id; R: the new arrival time;
-- false: nothing to write).
local function check(key, kind, amount, limit, size, slices)
  if kind == 'F' then
    local used = tonumber(redis.call('GET', key) or '0')
    if amount > limit - used then
      return false, used, used, 0, false
    end
    return true, used, used + amount, 0, used
  end
  if kind == 'S' then
    local slice = size * 1000
    local id = math.floor(now / slice)
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
      return false, used, used, resets, false
    end
    return true, used, used + amount, (id + slices) * slice, id
  end
  -- R: consuming n of a limit L per period P moves the arrival time forward by n * P / L; an amount fits while it
  -- stays within P of now.
  local period = size * 1000
  if limit == 0 then
    return amount == 0, 0, 0, now + period, false
  end
  local tat = tonumber(redis.call('GET', key) or '0')
  local per = period / limit
  local function used(backlog)
    if backlog <= 0 then
      return 0
    end
    return math.min(limit, math.ceil(backlog / per))
  end
  local base = math.max(tat, now)
  local before = used(base - now)
  if amount > limit then
    return false, before, before, base + period, false
  end
  local nxt = base + math.ceil(amount * per)
  if nxt - now > period then
    return false, before, before, nxt - period, false
  end
  return true, before, used(nxt - now), nxt, nxt
end

-- Charges a consumption that check found to fit.
local function charge(key, kind, amount, size, slices, state)
  if state == false then
    return
  end
  if kind == 'F' then
    redis.call('INCRBY', key, amount)
    if state == 0 then
      -- A fixed window's counter lives a minute past the window's end, for instances whose clocks run late, and
      -- at least a minute from now, for a caller whose clock runs far behind this server's.
      redis.call('PEXPIREAT', key, int(math.max(tonumber(size), math.floor(now / 1000)) + 60000))
    end
  elseif kind == 'S' then
    local slice = tonumber(size) * 1000
    redis.call('HINCRBY', key, int(state), amount)
    redis.call('PEXPIRE', key, int((tonumber(slices) + 1) * slice / 1000))
  else
    store_tat(key, state)
  end
end

-- Applies a correction: op a adds, r takes back (never below zero). Returns whether the counter was there.
local function correct(key, op, kind, amount, limit, size, slices, at)
  if kind == 'F' then
    if redis.call('EXISTS', key) == 0 then
      return 0
    end
    if op == 'a' then
      redis.call('INCRBY', key, amount)
    elseif redis.call('DECRBY', key, amount) < 0 then
      redis.call('SET', key, '0', 'KEEPTTL')
    end
    return 1
  end
  if kind == 'S' then
    local slice = tonumber(size) * 1000
    local id = math.floor(now / slice)
    local bucket = math.floor(tonumber(at) / slice)
    if bucket <= id - tonumber(slices) then
      return 0
    end
    local field = int(bucket)
    if redis.call('HEXISTS', key, field) == 0 then
      return 0
    end
    if op == 'a' then
      redis.call('HINCRBY', key, field, amount)
    elseif redis.call('HINCRBY', key, field, '-' .. amount) < 0 then
      redis.call('HSET', key, field, '0')
    end
    return 1
  end
  local l = tonumber(limit)
  if l == 0 then
    return 0
  end
  local tat = tonumber(redis.call('GET', key) or '0')
  local inc = math.ceil(tonumber(amount) * tonumber(size) * 1000 / l)
  if op == 'a' then
    store_tat(key, math.max(tat, tonumber(at)) + inc)
  elseif tat > 0 then
    store_tat(key, math.max(0, tat - inc))
  end
  return 1
end

local out = {now}
local states = {}
local after = {}
local all = true
for i = 1, #KEYS do
  local a = FIELDS * (i - 1)
  local op = ARGV[a + 1]
  if op == 'c' then
    local fits, used0, used1, resets, state = check(KEYS[i], ARGV[a + 2], tonumber(ARGV[a + 3]),
      tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6]))
    all = all and fits
    states[i] = state
    after[i] = used1
    out[3 * i - 1] = fits and 1 or 0
    out[3 * i] = used0
    out[3 * i + 1] = resets
  else
    out[3 * i - 1] = correct(KEYS[i], op, ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6],
      ARGV[a + 7])
    out[3 * i] = 0
    out[3 * i + 1] = 0
  end
end
if all then
  for i = 1, #KEYS do
    local a = FIELDS * (i - 1)
    if ARGV[a + 1] == 'c' then
      charge(KEYS[i], ARGV[a + 2], ARGV[a + 3], ARGV[a + 5], ARGV[a + 6], states[i])
      out[3 * i] = after[i]
    end
  end
end
return out
