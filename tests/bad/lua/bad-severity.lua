-- A finding with a severity that is not one of high, medium, low, info.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.findings[1] = { id = "x", severity = "urgent", text = "x" }
  return r
end

return { score = score }
