-- profile.lua: the generic maturity profile — a level and a score for each
-- dimension from its questions' level signals, and a headline.
--
-- For each dimension:
--   1. each scored question gives a signal: the median level of its
--      answers, or, for Likert items, the level of the mean answer once at
--      least 'min_n' people answered (see likert.lua);
--   2. an answer to a question that asks for evidence counts at most
--      'evidence_cap' unless most answers came with evidence;
--   3. the raw level is the (lower) median of the signals;
--   4. gates cap it (see gates.lua);
--   5. the score is the mean signal on a 0-100 scale (level 1 = 0,
--      level 5 = 100), kept within half a level of the final level so the
--      two never disagree.
-- A dimension without any signal is not rated (level nil).

local stats = assess.import("stats")
local likert = assess.import("likert")
local gates = assess.import("gates")

local M = {}

-- The signal of one question, or nil.
function M.signal(q, stat, opts)
  if stat == nil then return nil end
  local s
  if q.type == "likert" then
    s = likert.level(stat, opts.min_n)
  else
    s = stats.signal(stat)
  end
  if s ~= nil and q.evidence and opts.evidence_cap
      and stat.evidenced * 2 <= stat.answered then
    s = math.min(s, opts.evidence_cap)
  end
  return s
end

local function score_of(signals, level)
  local mean = stats.mean(signals)
  local score = (mean - 1) * 25
  local centre = (level - 1) * 25
  return stats.round(stats.clamp(score, math.max(0, centre - 12.5),
    math.min(100, centre + 12.5)), 1)
end

-- Score one dimension.  Returns a table {level, score, capped_by} for the
-- result, and the question signals by id.
function M.dimension(dim, org, survey, opts)
  opts = opts or {}
  local list, by_id = {}, {}
  for _, id in ipairs(dim.questions) do
    local s = M.signal(survey.questions[id], org.questions[id], opts)
    if s ~= nil then
      list[#list + 1] = s
      by_id[id] = s
    end
  end
  if #list == 0 then
    return { capped_by = {} }, by_id
  end
  local raw = stats.median(list)
  local level, capped_by = gates.apply(raw, dim, survey, by_id)
  return { level = level, score = score_of(list, level),
           capped_by = capped_by }, by_id
end

-- Score every dimension.  Returns the dimensions table for the result and
-- the signals of every question by id.
function M.dimensions(org, survey, opts)
  local dims, signals = {}, {}
  for _, dim in ipairs(survey.dimensions) do
    local d, s = M.dimension(dim, org, survey, opts)
    dims[dim.id] = d
    for id, v in pairs(s) do signals[id] = v end
  end
  return dims, signals
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
