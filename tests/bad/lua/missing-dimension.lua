-- One of the survey's dimensions left out.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ENG = nil
  return r
end

return { score = score }
