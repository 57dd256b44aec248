-- capped_by naming a question the survey does not have.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.capped_by = { "Q99" }
  return r
end

return { score = score }
