-- A headline basis longer than the engine accepts.
-- Everything else is valid (lib/valid.lua).
local valid = assess.import("valid")

local function score(org, survey)
  local r = valid.result(org, survey)
  r.headline.basis = string.rep("x", 5000)
  return r
end

return { score = score }
