-- A rule library next to the rule file (found before rules/lib).
local M = {}
function M.upper_ok()
  return string.upper("a") == "A" and ("b"):upper() == "B"
end
-- A table dressed up as an already frozen one: it must be frozen all
-- the same, so that no rule file can change it for another.
M.disguised = setmetatable({ n = 1 }, { __metatable = "read-only" })
return M
