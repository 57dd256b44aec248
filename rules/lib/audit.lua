-- audit.lua: findings about the answers themselves rather than about the
-- organisation.  A level is the median of what respondents said; where
-- they disagree sharply, the median hides it, and a consultant must be
-- able to say so.

local profile = assess.import("profile")

local M = {}

-- The questions that can give a level signal: all but free text.
local function scored(q)
  return q.type ~= "text"
end

-- The questions on which respondents disagree sharply: at least a
-- quarter of the answers signal level 2 or below, at least a quarter
-- signal level 4 or above, and the lowest and highest levels signalled
-- are three or more apart (two coordinators at opposite ends, or staff
-- split into camps).  Each entry: { id, n, low, high, lowest, highest }.
function M.disagreements(org, survey)
  local out = {}
  local ids = profile.question_ids(survey, scored)
  for i = 1, #ids do
    local id = ids[i]
    local q = org.questions[id]
    local n = q and q.n or 0
    if n >= 2 then
      local lv = q.levels
      local low, high = lv[1] + lv[2], lv[4] + lv[5]
      local lowest, highest
      for l = 1, 5 do
        if lv[l] > 0 then
          lowest = lowest or l
          highest = l
        end
      end
      if 4 * low >= n and 4 * high >= n and highest - lowest >= 3 then
        out[#out + 1] = { id = id, n = n, low = low, high = high,
          lowest = lowest, highest = highest }
      end
    end
  end
  return out
end

-- A finding naming those questions, or nil when there are none.  Its
-- dimension is theirs when they all belong to one.
function M.disagreement_finding(org, survey)
  local list = M.disagreements(org, survey)
  if #list == 0 then return nil end
  local parts, evidence, dim = {}, {}, survey.questions[list[1].id].dimension
  for i, d in ipairs(list) do
    evidence[i] = d.id
    parts[i] = string.format("%s (%d of %d answers at level 2 or below, "
      .. "%d at level 4 or above)", d.id, d.low, d.n, d.high)
    if survey.questions[d.id].dimension ~= dim then dim = nil end
  end
  return {
    id = "respondents-disagree", severity = "medium", dimension = dim,
    text = string.format("Respondents disagree sharply on %s: %s. The "
      .. "levels in this report rest on the middle answer, which hides "
      .. "the disagreement; establish which account is right before "
      .. "acting on %s.", #list == 1 and "one question" or
      (#list .. " questions"), table.concat(parts, "; "),
      #list == 1 and "it" or "them"),
    evidence = evidence,
  }
end

return M
