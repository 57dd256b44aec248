-- A finding about a dimension the survey does not have.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.findings[1] = { id = "x", severity = "low", dimension = "XYZ", text = "x" }
  return r
end

return { score = score }
