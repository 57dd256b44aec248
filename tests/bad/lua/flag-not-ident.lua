-- A flag that is not an identifier.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.flags = { "not a flag" }
  return r
end

return { score = score }
