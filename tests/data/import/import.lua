-- Rules for the mini test survey: the generic profile, the weakest
-- critical dimension as headline, one finding and the next step per
-- dimension.
local profile = assess.import("profile")

local function score(org, survey, target)
  local dims = profile.dimensions(org, survey, { min_n = 3, evidence_cap = 3 })
  local level, weakest, unrated = profile.weakest_critical(dims, survey)
  local basis
  if level == nil then
    basis = "not enough answers to rate " .. table.concat(unrated, ", ")
  else
    basis = "the weakest critical dimension: " .. table.concat(weakest, ", ")
  end
  local findings, recs = {}, {}
  local a1 = org.questions["A1"]
  if a1 and a1.options and a1.options.none > 0 then
    findings[#findings + 1] = { id = "access-blocked", severity = "high",
      dimension = "ACC", text = "Nobody can reach the sites.",
      evidence = { "A1" } }
  end
  for _, dim in ipairs(survey.dimensions) do
    local step = profile.next_step(dim, dims[dim.id].level)
    if step then
      recs[#recs + 1] = { id = step.id, dimension = dim.id,
        priority = dim.critical and 1 or 2, from_level = step.from_level,
        to_level = step.to_level, text = step.text,
        evidence = dims[dim.id].capped_by }
    end
  end
  local flags = {}
  if target ~= nil then flags[1] = "has-target" end
  return { dimensions = dims, headline = { level = level, basis = basis },
           findings = findings, recommendations = recs, flags = flags,
           roles = profile.roles(org, survey, { min_n = 3, evidence_cap = 3 }) }
end

return { score = score }
