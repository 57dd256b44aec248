-- A bundled-style rule file with a runtime error on line 5, to check that
-- messages name it as rules/broken.lua.
local helper = assess.import("helper")
local function score(org, survey)
  return helper.missing(org)
end
return { score = score }
