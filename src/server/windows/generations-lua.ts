/**
 * The rules of generations.ts as Redis scripts, so that every process sees one atomic decision. Each
 * script mirrors a method of LocalCoordinator line for line; keep them together when changing either.
 * Time is Redis' own clock (TIME), so processes on machines whose clocks differ still agree on ages.
 *
 * Keys: KEYS[1] the dataset's generation hash (cur, curAt, curOk, prev, prevAt, staleGen), KEYS[2] the pagings of
 * one client address (a hash: paging id → "gen|genAt|stale|committed|began|last|max|,from,from,"),
 * KEYS[3] the id sequence.
 */

const COMMON = `
local function now_ms(clock)
  if clock and clock ~= '' then return tonumber(clock) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function fmt(n) return string.format('%.0f', n) end
local function load_state(key)
  local v = redis.call('HMGET', key, 'cur', 'curAt', 'curOk', 'prev', 'prevAt', 'staleGen')
  return { cur = v[1], curAt = tonumber(v[2]) or 0, curOk = v[3] == '1', prev = v[4], prevAt = tonumber(v[5]) or 0, staleGen = v[6] }
end
local function save_state(key, s, ttl)
  redis.call('DEL', key)
  if s.cur then redis.call('HSET', key, 'cur', s.cur, 'curAt', fmt(s.curAt), 'curOk', s.curOk and '1' or '0') end
  if s.prev then redis.call('HSET', key, 'prev', s.prev, 'prevAt', fmt(s.prevAt)) end
  if s.staleGen and (s.cur or s.prev) then redis.call('HSET', key, 'staleGen', s.staleGen) end
  if s.cur or s.prev then redis.call('PEXPIRE', key, ttl) end
end
local function dec(id, v)
  local g, ga, st, cm, b, l, m, f = string.match(v, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
  return { id = id, gen = g, genAt = tonumber(ga), stale = st == '1', committed = cm == '1', began = tonumber(b), last = tonumber(l), max = tonumber(m), froms = f }
end
local function enc(p)
  return table.concat({ p.gen, fmt(p.genAt), p.stale and '1' or '0', p.committed and '1' or '0', fmt(p.began), fmt(p.last), fmt(p.max), p.froms }, '|')
end
local function has(p, from) return string.find(p.froms, ',' .. from .. ',', 1, true) ~= nil end
local function reply(gen, genAt, stale, paging) return { gen, fmt(genAt), stale and '1' or '0', paging or '' } end
local function with_state(r, s, named)
  r[5], r[6], r[7], r[8], r[9] = s.cur or '', fmt(s.curAt), s.curOk and '1' or '0', s.prev or '', fmt(s.prevAt)
  r[10] = named and '1' or '0'
  r[11] = s.staleGen or ''
  return r
end
`;

/**
 * ARGV: from, marked, breakerOpen, freshMs, minIntervalMs, staleMaxMs, idleMs, burstMs, maxPagings,
 * stateTtlMs, genPrefix, then the process's own idea of the current generation (id, startedAt, ok; ""
 * for none): a Redis that comes back empty takes it over instead of starting a new pull; then the
 * generation the request names ("" for none) and the clock ("" = Redis' TIME; tests give their own).
 * Answers gen, genAt, stale, paging, then the state (cur, curAt, curOk, prev, prevAt) for the process
 * to learn, then whether the named generation was honoured, then the generation answering stale.
 */
export const CHOOSE_LUA = `${COMMON}
local now = now_ms(ARGV[16])
local from = tonumber(ARGV[1])
local marked, breaker = ARGV[2] == '1', ARGV[3] == '1'
local freshMs, minMs, staleMax = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local idle, burst, maxP, ttl = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local s = load_state(KEYS[1])
if not s.cur and not s.prev and ARGV[12] ~= '' and now - tonumber(ARGV[13]) <= staleMax then
  s.cur, s.curAt, s.curOk = ARGV[12], tonumber(ARGV[13]), ARGV[14] == '1'
  save_state(KEYS[1], s, ttl)
end

local function pick()
  local age = s.cur and (now - s.curAt) or math.huge
  local limit = marked and minMs or freshMs
  if s.cur and age < limit then return s.cur, s.curAt, false end
  if breaker then
    local g, at = nil, 0
    if s.curOk and s.cur then g, at = s.cur, s.curAt elseif s.prev then g, at = s.prev, s.prevAt end
    if g and now - at <= staleMax then
      if s.staleGen ~= g then
        s.staleGen = g
        save_state(KEYS[1], s, ttl)
      end
      return g, at, true
    end
  end
  if s.cur and s.curOk then s.prev, s.prevAt = s.cur, s.curAt end
  s.cur, s.curAt, s.curOk = ARGV[11] .. redis.call('INCR', KEYS[3]), now, false
  save_state(KEYS[1], s, ttl)
  return s.cur, s.curAt, false
end

-- A named generation, the current or the previous one: read exactly it (no paging note, cheap).
local named = ARGV[15]
if named ~= '' and (named == s.cur or named == s.prev) then
  local at = named == s.cur and s.curAt or s.prevAt
  return with_state(reply(named, at, marked and named == s.staleGen, nil), s, true)
end

if from == 0 then
  local g, at, stale = pick()
  return with_state(reply(g, at, stale, nil), s, false)
end

local all = redis.call('HGETALL', KEYS[2])
local list = {}
for k = 1, #all, 2 do
  local p = dec(all[k], all[k + 1])
  if p.last < now - idle then redis.call('HDEL', KEYS[2], p.id) else list[#list + 1] = p end
end
local best = nil
for _, p in ipairs(list) do
  if not has(p, from) and p.max < from and (not best or p.max > best.max or (p.max == best.max and p.last > best.last)) then best = p end
end
if not best then
  for _, p in ipairs(list) do
    if not has(p, from) and p.began >= now - burst and (not best or p.began > best.began) then best = p end
  end
end
if not best then
  local g, at, stale = pick()
  best = { id = 'p' .. redis.call('INCR', KEYS[3]), gen = g, genAt = at, stale = stale, committed = false, began = now, last = now, max = 0, froms = ',' }
  list[#list + 1] = best
  if #list > maxP then
    local oldest = nil
    for _, p in ipairs(list) do if not oldest or p.last < oldest.last then oldest = p end end
    redis.call('HDEL', KEYS[2], oldest.id)
  end
end
if not has(best, from) then best.froms = best.froms .. from .. ',' end
if from > best.max then best.max = from end
best.last = now
redis.call('HSET', KEYS[2], best.id, enc(best))
redis.call('PEXPIRE', KEYS[2], idle)
return with_state(reply(best.gen, best.genAt, best.stale, best.id), s, false)
`;

/** ARGV: gen, paging, stateTtlMs, stale ("1": the window served is a stale one). */
export const COMMIT_LUA = `${COMMON}
local s = load_state(KEYS[1])
local changed = false
if s.cur == ARGV[1] and not s.curOk then
  s.curOk, changed = true, true
end
if s.cur == ARGV[1] and ARGV[4] ~= '1' and s.staleGen and s.staleGen ~= ARGV[1] then
  s.staleGen, changed = nil, true
end
if changed then save_state(KEYS[1], s, tonumber(ARGV[3])) end
if ARGV[2] == '' then return { '' } end
local v = redis.call('HGET', KEYS[2], ARGV[2])
if not v then return { '' } end
local p = dec(ARGV[2], v)
if p.gen == ARGV[1] and not p.committed then
  p.committed = true
  redis.call('HSET', KEYS[2], p.id, enc(p))
end
return reply(p.gen, p.genAt, p.stale, p.id)
`;

/** ARGV: gen, paging, staleMaxMs, stateTtlMs, clock (as CHOOSE). Answers {} when there is nothing to fall back on. */
export const FALLBACK_LUA = `${COMMON}
local now = now_ms(ARGV[5])
local gen = ARGV[1]
local s = load_state(KEYS[1])
if s.cur == gen and not s.curOk then
  s.cur, s.curAt, s.curOk = s.prev, s.prevAt, s.prev ~= nil and s.prev ~= false
  s.prev, s.prevAt = nil, 0
  if not s.cur then s.cur = nil end
  save_state(KEYS[1], s, tonumber(ARGV[4]))
end
local tg, tat = nil, 0
if s.cur and s.cur ~= gen and s.curOk then tg, tat = s.cur, s.curAt
elseif s.prev and s.prev ~= gen then tg, tat = s.prev, s.prevAt end
if tg and now - tat > tonumber(ARGV[3]) then tg = nil end
if ARGV[2] ~= '' then
  local v = redis.call('HGET', KEYS[2], ARGV[2])
  if v then
    local p = dec(ARGV[2], v)
    if p.gen ~= gen then return reply(p.gen, p.genAt, p.stale, p.id) end
    if p.committed or not tg then return {} end
    p.gen, p.genAt, p.stale = tg, tat, true
    redis.call('HSET', KEYS[2], p.id, enc(p))
    s.staleGen = tg
    save_state(KEYS[1], s, tonumber(ARGV[4]))
    return reply(p.gen, p.genAt, true, p.id)
  end
end
if not tg then return {} end
s.staleGen = tg
save_state(KEYS[1], s, tonumber(ARGV[4]))
return reply(tg, tat, true, ARGV[2])
`;

