-- topped.lua: the generic profile (see profile.lua), for surveys whose
-- questions do not all reach level 5.
--
-- Many questions cannot say more than "level 3" or "level 4": a yes/no
-- threshold item ("yes" = 3), a choice whose best option is level 4.  The
-- plain median counts such a best answer as a 3 or a 4, so a dimension
-- where every answer is the best one on offer could never reach level 5.
-- Here an answer at its question's best option is "topped": it says the
-- item is fully met but cannot tell the levels above it apart.  Such a
-- signal takes the value the other questions give it room for:
--
--   topped signal = max(own level, median of the signals that are not
--                       topped), or its own level when all are topped;
--   every answered question topped at level 5 leaves the median at 5.
--
-- A topped answer therefore never holds a dimension down, and never lifts
-- it above what the questions that can tell the higher levels apart say.
-- The result is never lower than profile.dimension's.  Signals capped for
-- lack of evidence are not topped (the cap is the point).  Gates use the
-- untopped signals, exactly as in profile.lua.

local stats = assess.import("stats")
local gates = assess.import("gates")
local profile = assess.import("profile")

local M = {}

-- The highest level a question's answers can signal (nil for text).
function M.top(q)
  local top
  if q.bands ~= nil and #q.bands > 0 then
    for _, b in ipairs(q.bands) do
      if top == nil or b.level > top then top = b.level end
    end
  elseif q.options ~= nil then
    for _, o in ipairs(q.options) do
      if o.level ~= nil and (top == nil or o.level > top) then
        top = o.level
      end
    end
  end
  return top
end

local function score_of(signals, level)
  local mean = stats.mean(signals)
  local score = (mean - 1) * 25
  local centre = (level - 1) * 25
  return stats.round(stats.clamp(score, math.max(0, centre - 12.5),
    math.min(100, centre + 12.5)), 1)
end

-- Score one dimension, as profile.dimension does, with topped answers.
-- Returns {level, score, capped_by} and the (untopped) signals by id.
function M.dimension(dim, org, survey, opts)
  opts = opts or {}
  local raw_opts = { min_n = opts.min_n }
  local by_id, free, topped = {}, {}, {}
  for _, id in ipairs(dim.questions) do
    local q, stat = survey.questions[id], org.questions[id]
    local s = profile.signal(q, stat, opts)
    if s ~= nil then
      by_id[id] = s
      local raw = profile.signal(q, stat, raw_opts)
      local top = M.top(q)
      if s == raw and top ~= nil and top < 5 and s >= top then
        topped[#topped + 1] = s
      else
        free[#free + 1] = s
      end
    end
  end
  if #free + #topped == 0 then
    return { capped_by = {} }, by_id
  end
  local room = stats.median(free)
  local list = {}
  for _, s in ipairs(free) do list[#list + 1] = s end
  for _, s in ipairs(topped) do
    list[#list + 1] = room ~= nil and math.max(s, room) or s
  end
  local level, capped_by = gates.apply(stats.median(list), dim, survey, by_id)
  return { level = level, score = score_of(list, level),
           capped_by = capped_by }, by_id
end

-- Score every dimension; returns the dimensions table for the result and
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

return M
