-- valid.lua: a result that passes every check the engine makes (the mini
-- survey's profile and headline, nothing else), for the bad rule files
-- beside it to break one thing at a time.
local profile = assess.import("profile")

local M = {}

function M.result(org, survey)
  local dims = profile.dimensions(org, survey, { min_n = 3 })
  local level = profile.weakest_critical(dims, survey)
  return { dimensions = dims,
           headline = { level = level, basis = "the weakest critical dimension" },
           findings = {}, recommendations = {}, flags = {} }
end

return M
