#!/usr/bin/env lua
-- BOM, shebang and CRLF line ends are fine
local function score(org, survey)
  local dims = {}
  for _, d in ipairs(survey.dimensions) do dims[d.id] = { level = 1, score = 0 } end
  error("line five")
end
return { score = score }
