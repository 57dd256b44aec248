-- A flag with a NUL byte inside: not an identifier, however it starts.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.flags = { "a\0b" }
  return r
end

return { score = score }
