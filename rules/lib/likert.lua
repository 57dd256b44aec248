-- likert.lua: agreement scales answered by many people.
--
-- A Likert item's options carry levels 1..5 (reverse-worded statements
-- simply number them the other way round), so the mean level of the
-- answers is on the same 1..5 scale.  It becomes a level through cut
-- points, and only once enough people answered: a mean of two people is
-- neither reliable nor anonymous.

local M = {}

-- Means below 1.8 are level 1, below 2.6 level 2, below 3.4 level 3,
-- below 4.2 level 4, and 4.2 or more level 5.  (M.cuts is read-only once
-- imported; the default is read from the plain table behind it.)
local CUTS = { 1.8, 2.6, 3.4, 4.2 }
M.cuts = CUTS

-- Level of a mean on the 1..5 scale.
function M.level_of_mean(mean, cuts)
  cuts = cuts or CUTS
  for i = 1, #cuts do
    if mean < cuts[i] then return i end
  end
  return #cuts + 1
end

-- Level of a Likert question's answers (org.questions[id]), or nil with a
-- reason when fewer than min_n people answered.
function M.level(q, min_n, cuts)
  min_n = min_n or 5
  local n = q and q.n
  if n == nil or n == 0 then return nil, "unanswered" end
  if n < min_n then return nil, "fewer than " .. min_n .. " answers" end
  return M.level_of_mean(q.mean, cuts)
end

return M
