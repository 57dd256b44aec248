-- A score above its level's band: 37.5 is level 3's, not level 2's.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.level = 2
  r.dimensions.ACC.score = 37.5
  return r
end

return { score = score }
