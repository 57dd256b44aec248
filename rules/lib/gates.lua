-- gates.lua: gate questions that cap a dimension's level.
--
-- Two kinds, as declared by "gate" in the survey:
--   anchor         the dimension can be at most one level above the
--                  question's own signal;
--   threshold n    ("requires_for": n) the question's signal must reach n
--                  before the dimension can reach n; unanswered, it is not
--                  met.
-- An anchor nobody answered caps nothing: there is no signal to anchor to.

local M = {}
local min = math.min

-- The ceiling one gate question puts on its dimension (5 = none).
function M.ceiling(question, signal)
  if question.gate == "anchor" then
    if signal == nil then return 5 end
    return min(5, signal + 1)
  elseif question.gate == "threshold" then
    if signal == nil or signal < question.requires_for then
      return question.requires_for - 1
    end
  end
  return 5
end

-- Apply the gates of a dimension to a raw level.  'signals' maps question
-- ids to their signals.  With 'asked' (org.questions), only the gates
-- asked of the respondents being scored count: in a role call, a group is
-- not capped by a threshold question its audience is never asked.
-- 'questions', when given, holds the dimension's questions in its order
-- (tables with at least id, gate and requires_for), so that they are not
-- looked up in the survey again.
-- Returns the capped level and the ids of the gates that actually lowered
-- it, in survey order.
function M.apply(level, dimension, survey, signals, asked, questions)
  local capped, by = level, {}
  local ids = questions or dimension.questions
  for i = 1, #ids do
    local q, id = ids[i], ids[i]
    if questions then id = q.id else q = survey.questions[id] end
    if q.gate ~= nil and (asked == nil or asked[id] ~= nil) then
      local c = M.ceiling(q, signals[id])
      if c < level then
        by[#by + 1] = id
        if c < capped then capped = c end
      end
    end
  end
  return capped, by
end

return M
