-- A score below its level's band: 87.4 is level 4's, not level 5's.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.level = 5
  r.dimensions.ACC.score = 87.4
  return r
end

return { score = score }
