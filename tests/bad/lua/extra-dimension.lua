-- A dimension the survey does not have.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.XYZ = { level = 1, score = 0 }
  return r
end

return { score = score }
