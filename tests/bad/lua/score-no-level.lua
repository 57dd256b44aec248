-- A score without a level.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.level = nil
  return r
end

return { score = score }
