-- A role's statistics kept from one organisation's call cannot be read
-- in the next organisation's, where that role is below the anonymity
-- threshold: they would show answers that may not be shown.
local valid = assess.import("valid")
local kept
local function score(org, survey)
  if org.by_role.ops ~= nil then
    kept = org.by_role.ops.questions["T2"]
  elseif kept ~= nil then
    return { n = kept.n }
  end
  return valid.result(org, survey)
end
return { score = score }
