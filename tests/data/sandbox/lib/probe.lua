-- A rule library next to the rule file (found before rules/lib).
local M = {}
function M.upper_ok()
  return string.upper("a") == "A" and ("b"):upper() == "B"
end
return M
