-- A score that is not a number (0/0).
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.score = 0/0
  return r
end

return { score = score }
