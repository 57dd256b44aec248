-- Known ids that have nothing to show are nil, not errors: a question
-- outside a role's audience, a dimension without a target level, a role
-- below the anonymity threshold.  The result is valid when they are nil.
local profile = assess.import("profile")
local function score(org, survey, target)
  local dims = profile.dimensions(org, survey, { min_n = 3 })
  local r = { dimensions = dims, headline = { level = nil,
    basis = "known ids only" } }
  local ops = org.by_role.ops
  assert(ops == nil or ops.questions["A1"] == nil, "A1 is not asked of ops")
  assert(target == nil or target.dimensions["ENG"] == nil, "no ENG target")
  assert(org.questions["A1"] ~= nil and org.questions["A1"].options.none ~= nil)
  assert(getmetatable(org.questions) == "read-only")
  local n = 0
  for id, q in pairs(org.questions) do
    assert(q.answered ~= nil, id)
    n = n + 1
  end
  assert(n == #survey.dimensions[1].questions + #survey.dimensions[2].questions
    + #survey.dimensions[3].questions, "pairs sees every question")
  local k = 0
  for v, c in pairs(org.questions["A1"].options) do k = k + 1 end
  assert(k == 4, "four options")
  if target ~= nil then
    local p = 0
    for id, met in pairs(org.practices) do p = p + 1 end
    assert(p > 0)
  end
  return r
end
return { score = score }
