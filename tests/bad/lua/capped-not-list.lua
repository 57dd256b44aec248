-- capped_by given as a string, not a list of question ids.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.dimensions.ACC.capped_by = "A1"
  return r
end

return { score = score }
