-- profile.lua: the generic maturity profile — a level and a score for each
-- dimension from its questions' level signals, and a headline.
--
-- For each dimension:
--   1. each scored question gives a signal: the median level of its
--      answers, or, for Likert items, the level of the mean answer once at
--      least 'min_n' people answered (see likert.lua);
--   2. 'adjust', when given, may change a signal (see M.signal);
--      an answer to a question that asks for evidence counts at most
--      'evidence_cap' unless most answers came with evidence;
--   3. with 'topped', an answer at the best option its question offers
--      (when that is below 5) takes the level the other questions give it
--      room for (below); 'reach' (question id -> level) names questions
--      that 'adjust' can take higher than their best option, which are
--      topped only at that level;
--   4. the raw level is the (lower) median of the signals;
--   5. gates cap it (see gates.lua), counting only the gate questions asked
--      of the respondents being scored; with 'gate_only' (a set of
--      question ids), a threshold question answered short of its threshold
--      caps the dimension but is left out of the median in step 4, since
--      such an answer says what the organisation has not reached, not
--      where it stands; with 'anchor_groups' (dimension id -> list of
--      question ids), the dimension is at most one level above the lower
--      median of that group's signals, an anchor made of several answers;
--   6. the score is the mean signal on a 0-100 scale (level 1 = 0,
--      level 5 = 100), clamped to the final level's band and rounded to
--      one decimal: at least centre - 12.5 and at most centre + 12.4,
--      where centre = (level - 1) * 25, and within 0-100.  The bands are
--      1 = 0-12.4, 2 = 12.5-37.4, 3 = 37.5-62.4, 4 = 62.5-87.4 and
--      5 = 87.5-100; they do not overlap, so a higher score never shows a
--      lower level (the engine refuses a score outside its level's band).
-- A dimension without any signal is not rated (level nil).
--
-- Topped answers.  Many questions cannot say more than "level 3" or
-- "level 4": a yes/no threshold item, a choice whose best option is 4.  An
-- answer at that best option says the item is fully met but cannot tell
-- the levels above apart, so the plain median would keep a dimension where
-- every answer is the best on offer below level 5.  A topped signal is
-- max(own level, median of the signals that are not topped) — or its own
-- level when all are topped — so it never holds a dimension down and never
-- lifts it above what the questions that can tell the higher levels apart
-- say.  Signals capped for missing evidence are not topped (the cap is the
-- point), and gates use the signals before topping.

local stats = assess.import("stats")
local likert = assess.import("likert")
local gates = assess.import("gates")

-- The library functions the profile calls for every question of every
-- organisation, as locals: a global or a field of a (read-only) library
-- table is a lookup through a metatable each time it is read.
local ipairs, pairs, getmetatable, setmetatable = ipairs, pairs,
  getmetatable, setmetatable
local max, min = math.max, math.min
local median, signal_of = stats.median, stats.signal
local likert_level = likert.level
local apply_gates = gates.apply
local explaining = assess.explaining

local M = {}

-- The highest level a question's answers can signal (nil for text).
local function highest(q)
  local top
  for _, b in ipairs(q.bands or {}) do
    if top == nil or b.level > top then top = b.level end
  end
  if q.bands == nil then
    for _, o in ipairs(q.options or {}) do
      if o.level ~= nil and (top == nil or o.level > top) then
        top = o.level
      end
    end
  end
  return top
end

-- A read-only question (the survey's own) cannot change, so its top is
-- worked out once per run (false standing for "none"); a table a rule
-- made up itself is read afresh each time.
local tops = setmetatable({}, { __mode = "k" })

function M.top(q)
  if getmetatable(q) ~= "read-only" then return highest(q) end
  local top = tops[q]
  if top == nil then
    top = highest(q) or false
    tops[q] = top
  end
  return top or nil
end

-- The ids of the survey's questions for which keep(question) is true, in
-- survey order: for a read-only survey worked out once per run and per
-- 'keep' (so give the same function each time), and then the same list,
-- which is not to be changed.
local kept_ids = setmetatable({}, { __mode = "k" })

function M.question_ids(survey, keep)
  local by_keep = kept_ids[survey]
  local ids = by_keep and by_keep[keep]
  if ids ~= nil then return ids end
  ids = {}
  for _, dim in ipairs(survey.dimensions) do
    for _, id in ipairs(dim.questions) do
      if keep(survey.questions[id]) then ids[#ids + 1] = id end
    end
  end
  if getmetatable(survey) == "read-only" then
    by_keep = by_keep or setmetatable({}, { __mode = "k" })
    by_keep[keep] = ids
    kept_ids[survey] = by_keep
  end
  return ids
end

-- What the profile reads of a question, copied into a plain table: a
-- read-only table answers every read through its metatable, and the
-- profile reads these fields for every question of every organisation
-- and role.
local function record(q)
  return { id = q.id, type = q.type, evidence = q.evidence, gate = q.gate,
           requires_for = q.requires_for, top = M.top(q) }
end

-- The survey's dimensions and their ids, as arrays: for a read-only
-- survey worked out once per run.
local dimension_lists = setmetatable({}, { __mode = "k" })

local function dimensions_of(survey)
  local l = dimension_lists[survey]
  if l ~= nil then return l.dims, l.ids end
  local dims, ids = {}, {}
  for i, dim in ipairs(survey.dimensions) do dims[i], ids[i] = dim, dim.id end
  if getmetatable(survey) == "read-only" then
    dimension_lists[survey] = { dims = dims, ids = ids }
  end
  return dims, ids
end

-- A dimension's question ids, the survey's questions for them and their
-- plain records, as arrays: for a read-only survey worked out once per
-- run, since every organisation, and every role of each, walks the same
-- lists.  recs.gates lists the records of the gate questions alone, and
-- recs.gate_at their places in the other lists.
local lists = setmetatable({}, { __mode = "k" })

local function questions_of(dim, survey)
  local l = lists[dim]
  if l ~= nil and l.survey == survey then return l.ids, l.qs, l.recs end
  local ids, qs, recs = {}, {}, {}
  recs.gates, recs.gate_at = {}, {}
  for i, id in ipairs(dim.questions) do
    ids[i], qs[i] = id, survey.questions[id]
    recs[i] = record(qs[i])
    if recs[i].gate ~= nil then
      recs.gates[#recs.gates + 1] = recs[i]
      recs.gate_at[#recs.gate_at + 1] = i
    end
  end
  if getmetatable(dim) == "read-only" and
      getmetatable(survey) == "read-only" then
    lists[dim] = { survey = survey, ids = ids, qs = qs, recs = recs }
  end
  return ids, qs, recs
end

-- The statistics of each of 'ids' in a view's question map (nil for a
-- question outside the view), in an array (not to be changed).  A
-- read-only map (org.questions, a role's questions) holds the same
-- statistics tables for every organisation, each reading the totals of
-- the organisation being scored, so its array for a list of ids is made
-- once per run.
local held = setmetatable({}, { __mode = "k" })

local function stats_in(questions, ids)
  local arrays = held[questions]
  if arrays == nil then
    if getmetatable(questions) ~= "read-only" then
      local out = {}
      for i = 1, #ids do out[i] = questions[ids[i]] end
      return out
    end
    arrays = setmetatable({}, { __mode = "k" })
    held[questions] = arrays
  end
  local out = arrays[ids]
  if out == nil then
    out = {}
    for i = 1, #ids do out[i] = questions[ids[i]] end
    arrays[ids] = out
  end
  return out
end

-- The signal of one question, or nil; whether the evidence cap lowered
-- it; and the signal before that cap.  With 'opts.adjust',
-- adjust(id, signal, stat, org) may change the signal before the evidence
-- cap, for a survey whose ladder makes an answer worth more or less
-- depending on another answer.  'opts.evidence_caps' (question id ->
-- level) sets a stricter cap than 'opts.evidence_cap' for some questions.
function M.signal(q, stat, opts, org)
  if stat == nil then return nil end
  local s
  if q.type == "likert" then
    s = likert_level(stat, opts.min_n)
  else
    s = signal_of(stat)
  end
  if s ~= nil and opts.adjust then
    s = opts.adjust(q.id, s, stat, org)
  end
  if s == nil or not q.evidence then return s, false, s end
  local cap = opts.evidence_caps and opts.evidence_caps[q.id]
    or opts.evidence_cap
  if cap and stat.evidenced * 2 <= stat.answered and s > cap then
    return cap, true, s
  end
  return s, false, s
end

-- A mean signal on the 0-100 scale: level 1 is 0, level 5 is 100.
local function scaled(mean)
  return (mean - 1) * 25
end

-- The score band of a level (step 6): the scores, with one decimal, that
-- show it.
local function band(level)
  local centre = scaled(level)
  return math.max(0, centre - 12.5), math.min(100, centre + 12.4)
end

local function score_of(signals, level)
  local score = scaled(stats.mean(signals))
  local lo, hi = band(level)
  return stats.round(stats.clamp(score, lo, hi), 1)
end

-- Raise topped signals to the room the others leave them.
local function top_up(free, topped)
  if #topped == 0 then return free end
  local room = median(free)
  local list, n = {}, #free
  for i = 1, n do list[i] = free[i] end
  for i = 1, #topped do
    local s = topped[i]
    list[n + i] = room ~= nil and max(s, room) or s
  end
  return list
end

-- The level of a dimension from its signals by question id (nil when
-- there are none), the signals after topping, and the gates that lowered
-- the level.  'capped' names the signals the evidence cap lowered.
-- Whether a threshold question's answer is left out of the median:
-- with 'opts.gate_only' naming it, an answer short of its threshold
-- only caps the dimension (see M.dimension).
local function gate_only(q, s, opts)
  return opts.gate_only ~= nil and opts.gate_only[q.id] and
    q.gate == "threshold" and s < q.requires_for
end

-- The cap an anchor group puts on a dimension: one level above the lower
-- median of the group's signals, and the group's questions at or below
-- that median; nil when none of them has a signal.
local function group_cap(ids, signals)
  local list = {}
  for _, id in ipairs(ids) do
    if signals[id] ~= nil then list[#list + 1] = signals[id] end
  end
  local m = stats.median(list)
  if m == nil then return nil end
  local by = {}
  for _, id in ipairs(ids) do
    if signals[id] ~= nil and signals[id] <= m then by[#by + 1] = id end
  end
  return math.min(5, m + 1), by
end

-- No signal lowered by the evidence cap, no gate lowered the level
-- (never written to).
local NONE = {}

-- The gate questions that count for the respondents being scored, as
-- gates.apply takes them ('asked'): nil when all of them do.  A gate
-- outside the view's audience does not count, nor does a gate-only
-- question nobody answered: it only tells one level from the next, and
-- without an answer (or not asked, by its 'when') there is nothing to
-- tell.  (Only gate questions are looked up: the gates read nothing
-- else.)
local function asked_gates(org, ids, gate_at, signals, only)
  local st, asked = stats_in(org.questions, ids), nil
  for k = 1, #gate_at do
    local i = gate_at[k]
    if st[i] == nil or (only ~= nil and only[ids[i]] and
        signals[ids[i]] == nil) then
      asked = {}
      break
    end
  end
  if asked == nil then return nil end
  for k = 1, #gate_at do
    local id = ids[gate_at[k]]
    if not (only ~= nil and only[id] and signals[id] == nil) then
      asked[id] = st[gate_at[k]]
    end
  end
  return asked
end

-- With 'why' (only while explaining), what each step did is noted in it.
local function rate(dim, org, survey, opts, signals, capped, why)
  local free, topped, only = {}, nil, opts.gate_only
  local reach, topping = opts.reach, opts.topped
  local ids, _, recs = questions_of(dim, survey)
  for i = 1, #ids do
    local id = ids[i]
    local s = signals[id]
    if s ~= nil and not (only ~= nil and only[id] and
        gate_only(recs[i], s, opts)) then
      local top = reach and reach[id] or recs[i].top
      if topping and not capped[id] and top ~= nil and top < 5
          and s >= top then
        topped = topped or {}
        topped[#topped + 1] = s
        if why then why.topped[#why.topped + 1] = id end
      else
        if why then why.counts[id] = true end
        free[#free + 1] = s
      end
    end
  end
  local list = topped and top_up(free, topped) or free
  if #list == 0 then return nil, list, NONE end
  local level, by = median(list), nil
  local gate_at = recs.gate_at
  if #gate_at > 0 then
    level, by = apply_gates(level, dim, survey, signals,
      asked_gates(org, ids, gate_at, signals, only), recs.gates)
  end
  by = by or {}
  local group = opts.anchor_groups and opts.anchor_groups[dim.id]
  local cap, ids
  if group ~= nil then cap, ids = group_cap(group, signals) end
  if why then
    why.free, why.median, why.gates = free, stats.median(list), {}
    for _, id in ipairs(by) do why.gates[#why.gates + 1] = id end
    if cap ~= nil and cap < level then why.group, why.cap = ids, cap end
  end
  if cap ~= nil and cap < level then
    level = cap
    for _, id in ipairs(ids) do by[#by + 1] = id end
  end
  return level, list, by
end

-- The signals of a dimension's questions by id, the signals before the
-- evidence cap, the ids the cap lowered (each with its signal before the
-- cap), and whether it lowered any.  When it lowered none, the signals
-- before the cap are the same table as the signals.
local function signals_of(dim, org, survey, opts)
  local by_id, capped = {}, nil
  local ids, _, recs = questions_of(dim, survey)
  local st = stats_in(org.questions, ids)
  for i = 1, #ids do
    local stat = st[i]
    if stat ~= nil then
      local s, c, r = M.signal(recs[i], stat, opts, org)
      if s ~= nil then
        local id = ids[i]
        by_id[id] = s
        if c then
          capped = capped or {}
          capped[id] = r
        end
      end
    end
  end
  if capped == nil then return by_id, by_id, NONE, false end
  local raw = {}
  for id, s in pairs(by_id) do raw[id] = capped[id] or s end
  return by_id, raw, capped, true
end

-- Score one dimension.  Returns a table {level, score, capped_by} for the
-- result; the question signals by id (before topping); and the questions
-- whose missing evidence lowered the level (they are also in capped_by,
-- after the gates).
function M.dimension(dim, org, survey, opts)
  opts = opts or {}
  local by_id, raw, capped, any = signals_of(dim, org, survey, opts)
  local trace = explaining(org)
  local why = trace and { topped = {}, counts = {} }
  local level, list, capped_by = rate(dim, org, survey, opts, by_id, capped,
    why)
  if level == nil then
    if trace then
      trace[dim.id] = M.explain(dim, org, survey, opts, by_id, raw, why)
    end
    return { capped_by = {} }, by_id, {}
  end
  local missing = {}
  local uncapped = any and (rate(dim, org, survey, opts, raw, NONE)) or level
  if uncapped > level then
    local listed = {}
    for _, id in ipairs(capped_by) do listed[id] = true end
    for _, id in ipairs((questions_of(dim, survey))) do
      if capped[id] then
        missing[#missing + 1] = id
        if not listed[id] then capped_by[#capped_by + 1] = id end
      end
    end
  end
  local out = { level = level, score = score_of(list, level),
                capped_by = capped_by }
  if trace then
    why.list, why.level, why.score, why.uncapped = list, level, out.score,
      uncapped
    trace[dim.id] = M.explain(dim, org, survey, opts, by_id, raw, why)
  end
  return out, by_id, missing
end

-- ---------------------------------------------------------------------
-- Explaining (only when assess.explaining(org) gives a trace table; see
-- rules/API.md): for each question of a dimension, whether its answers
-- counted and why not, then the steps from signals to level and score.

-- Why a question's answers did or did not count, and how many
-- respondents that reason is about.
local function reason(q, stat, s, opts, why)
  if M.top(q) == nil then return false, "not scored", stat.answered end
  if s ~= nil then
    if gate_only(q, s, opts) then
      return false, "gate only", stat.answered
    end
    return true, "counted", stat.answered
  end
  if stat.answered > 0 then return false, "below minimum", stat.answered end
  if stat.na > 0 then return false, "not applicable", stat.na end
  if stat.unanswered > 0 then return false, "unanswered", stat.unanswered end
  if stat.skipped > 0 then return false, "when not met", stat.skipped end
  return false, "another audience", 0
end

local function answers_of(dim, org, survey, opts, signals, raw, why)
  local out, topped = {}, {}
  for _, id in ipairs(why.topped) do topped[id] = true end
  for _, id in ipairs(dim.questions) do
    local q, s = survey.questions[id], signals[id]
    local counted, r, n = reason(q, org.questions[id], s, opts)
    if counted and s < raw[id] then
      r = "evidence cap"
    elseif counted and topped[id] then
      r = "topped"
    end
    out[#out + 1] = { question = id, counted = counted, reason = r,
                      signal = s, respondents = n }
  end
  return out
end

local function joined(list, sep)
  local parts = {}
  for i, v in ipairs(list) do parts[i] = tostring(v) end
  return table.concat(parts, sep or ", ")
end

local function step(steps, name, value, why)
  steps[#steps + 1] = { step = name, value = value, why = why }
end

-- The signals that counted, with what the evidence cap and topping did.
local function signal_steps(steps, dim, signals, raw, why)
  local topped, room, parts = {}, stats.median(why.free), {}
  for _, id in ipairs(why.topped) do topped[id] = true end
  for _, id in ipairs(dim.questions) do
    local s = signals[id]
    if s ~= nil and s < raw[id] then
      step(steps, "evidence cap", s, id .. " signals " .. raw[id] ..
        ", but most of its answers came without the evidence asked for: "
        .. "it counts " .. s)
    end
    if topped[id] and room ~= nil and room > s then
      step(steps, "topped", room, id .. " is at the best option it offers ("
        .. s .. "): it takes the level the others give it room for, "
        .. "their median " .. room)
      parts[#parts + 1] = id .. " " .. room
    elseif topped[id] or why.counts[id] then
      parts[#parts + 1] = id .. " " .. s
    end
  end
  step(steps, "signals", #why.list, "the level signals that count: " ..
    table.concat(parts, ", "))
end

-- The gates and caps that lowered the median.
local function cap_steps(steps, survey, signals, why)
  for _, id in ipairs(why.gates) do
    local q = survey.questions[id]
    local c = gates.ceiling(q, signals[id])
    if q.gate == "anchor" then
      step(steps, "gate", c, id .. " is an anchor with signal " ..
        signals[id] .. ": the dimension is at most one level above it, " .. c)
    else
      step(steps, "gate", c, id .. " must reach level " .. q.requires_for ..
        " before the dimension can" .. (signals[id] and
        (" (it signals " .. signals[id] .. ")") or " (no answer)") ..
        ": at most " .. c)
    end
  end
  if why.cap ~= nil then
    step(steps, "anchor group", why.cap, "the lower median of " ..
      joined(why.group) .. " plus one: at most " .. why.cap)
  end
  if why.uncapped > why.level then
    step(steps, "evidence", why.uncapped, "without the evidence cap the " ..
      "level would be " .. why.uncapped)
  end
end

local function score_steps(steps, why)
  local mean = stats.mean(why.list)
  local lo, hi = band(why.level)
  local score = scaled(mean)
  step(steps, "mean", stats.round(mean, 3), "the mean of the " ..
    #why.list .. " signals")
  step(steps, "scale", stats.round(score, 3), "(mean - 1) x 25: level 1 " ..
    "is 0 and level 5 is 100")
  step(steps, "bounds", stats.round(stats.clamp(score, lo, hi), 3),
    "kept within the score band of level " .. why.level .. " (" .. lo ..
    " to " .. hi .. ") so that a higher score never shows a lower level")
  step(steps, "score", why.score, "rounded to one decimal")
end

-- The trace of one dimension: { answers = {...}, steps = {...} }.
function M.explain(dim, org, survey, opts, signals, raw, why)
  local steps = {}
  local out = { answers = answers_of(dim, org, survey, opts, signals, raw,
    why), steps = steps }
  if why.level == nil then
    step(steps, "level", nil, "no question gave a level signal: not rated")
    return out
  end
  signal_steps(steps, dim, signals, raw, why)
  step(steps, "median", why.median, "the lower median of the signals " ..
    "(with an even count, the smaller middle one)")
  cap_steps(steps, survey, signals, why)
  step(steps, "level", why.level, "the median after gates and caps")
  score_steps(steps, why)
  return out
end

-- Score every dimension.  Returns the dimensions table for the result,
-- the signals of every question by id, and, by dimension id, the
-- questions whose missing evidence lowered a level (see M.dimension).
function M.dimensions(org, survey, opts)
  local dims, signals, missing = {}, {}, {}
  local list, dim_ids = dimensions_of(survey)
  for k = 1, #list do
    local d, s, m = M.dimension(list[k], org, survey, opts)
    dims[dim_ids[k]] = d
    for id, v in pairs(s) do signals[id] = v end
    if #m > 0 then missing[dim_ids[k]] = m end
  end
  return dims, signals, missing
end

-- Levels for each role large enough to show (org.by_role), each scored
-- like the organisation but from that role's own answers, for the
-- result's "roles": { ops = { ACC = 2, ... }, ... }.
function M.roles(org, survey, opts)
  local out = {}
  local list, dim_ids = dimensions_of(survey)
  for role, view in pairs(org.by_role) do
    local levels = {}
    for k = 1, #list do
      -- the level alone: what M.dimension rates, without the score, the
      -- evidence it lacked or a trace (a role's view has none)
      local signals, _, capped = signals_of(list[k], view, survey, opts)
      levels[dim_ids[k]] = (rate(list[k], view, survey, opts, signals,
        capped))
    end
    out[role] = levels
  end
  return out
end

-- The rated dimensions that rest on fewer than half of their questions
-- (counting the questions that can give a level; one answered only "not
-- applicable" counts as covered), from the signals by question id: a list
-- of { id =, n =, total = } in survey order.
function M.thin(org, survey, dims, signals)
  local out = {}
  local list, dim_ids = dimensions_of(survey)
  for k = 1, #list do
    local dim, n, total = list[k], 0, 0
    local ids, _, recs = questions_of(dim, survey)
    local st = stats_in(org.questions, ids)
    for i = 1, #ids do
      if recs[i].top ~= nil then
        local stat = st[i]
        total = total + 1
        if signals[ids[i]] ~= nil or (stat ~= nil and stat.na > 0) then
          n = n + 1
        end
      end
    end
    if dims[dim_ids[k]].level ~= nil and n * 2 < total then
      out[#out + 1] = { id = dim_ids[k], n = n, total = total }
    end
  end
  return out
end

-- The headline: the weakest critical dimension (an organisation is only
-- as ready as its weakest critical enabler).  Returns level (or nil),
-- the ids of the dimensions at that level, and the ids not rated.
function M.weakest_critical(dims, survey)
  local level, weakest, unrated = nil, {}, {}
  for _, dim in ipairs(survey.dimensions) do
    if dim.critical then
      local l = dims[dim.id].level
      if l == nil then
        unrated[#unrated + 1] = dim.id
      elseif level == nil or l < level then
        level, weakest = l, { dim.id }
      elseif l == level then
        weakest[#weakest + 1] = dim.id
      end
    end
  end
  if #unrated > 0 then return nil, weakest, unrated end
  return level, weakest, unrated
end

-- The survey's recommendation for moving a dimension up from 'level', or
-- nil (at level 5, or when the survey has none for that step).
function M.next_step(dim, level)
  if level == nil or level >= 5 then return nil end
  for _, r in ipairs(dim.recommendations) do
    if r.from_level == level then return r end
  end
  return nil
end

return M
