-- quick-check.lua: rules for the ten-minute self-check.
--
-- One manager answers fifteen questions on the four critical enablers
-- (access, approvals, training, leadership).  Each dimension is the lower
-- median of its answers' levels, capped by its anchor question (at most
-- one level above it: Lee & Kwak 2012, levels are climbed in order).  The
-- headline is the weakest of the four: an organisation is only as ready as
-- its weakest critical enabler.  "champion-dependent" (Mergel &
-- Bretschneider 2013: progress still carried by one enthusiast) is raised
-- when things would stall if the senior backer left (QC-LDR-02).
-- "thin-rating" (low) names the dimensions rated from fewer than half of
-- their questions.
-- Recommendations: the survey's next step for each dimension below 5,
-- priority 1 for the weakest, 2 for the others below level 3, else 3.

local profile = assess.import("profile")
local audit = assess.import("audit")

local function score(org, survey, target)
  local dims, signals = profile.dimensions(org, survey, { min_n = 1 })
  local level, weakest, unrated = profile.weakest_critical(dims, survey)
  local names = {}
  for _, id in ipairs(level == nil and unrated or weakest) do
    names[#names + 1] = survey.dimension[id].title
  end
  local list = table.concat(names, ", ", 1, math.max(1, #names - 1)) ..
    (#names > 1 and " and " .. names[#names] or "")
  local basis
  if level == nil then
    basis = "Not rated: no answers on " .. list .. "."
  else
    basis = list .. (#names > 1 and " are" or " is") .. " at level " ..
      level .. " (" .. survey.levels[level].label .. "); an organisation " ..
      "is only as ready as its weakest critical enabler."
  end
  local result = { dimensions = dims, headline = { level = level,
    basis = basis }, findings = {}, recommendations = {}, flags = {},
    roles = profile.roles(org, survey, { min_n = 1 }) }

  local function chose(id, value)
    local q = org.questions[id]
    return q ~= nil and q.options ~= nil and q.answered > 0
      and (q.options[value] or 0) * 2 > q.answered
  end
  local findings = result.findings
  local function find(id, dim, text, ev)
    findings[#findings + 1] = { id = id, severity = "high", dimension = dim,
      text = text, evidence = { ev } }
  end
  if chose("QC-ACC-01", "blocked_all") then
    find("access-blocked", "ACC", "Social platforms are blocked at work " ..
      "for everyone, including the people who run the accounts. Getting " ..
      "them reliable access comes first.", "QC-ACC-01")
  end
  if chose("QC-APR-01", "exec") or chose("QC-APR-01", "senior") then
    find("senior-signoff-every-post", "APR", "Every routine post waits " ..
      "for senior sign-off. Telephone enquiry staff are trained, given " ..
      "scripts and then trusted to answer; account operators can work " ..
      "the same way.", "QC-APR-01")
  end
  if chose("QC-TRN-01", "self_taught") then
    find("no-training-before-posting", "TRN", "The people who post for " ..
      "the organisation taught themselves. Make a short induction a " ..
      "condition of posting rights.", "QC-TRN-01")
  end
  if chose("QC-LDR-02", "stall") then
    result.flags[1] = "champion-dependent"
    findings[#findings + 1] = { id = "champion-dependent",
      severity = "medium", dimension = "LDR", text = "Social media work " ..
      "would stall if its senior backer left. Write the plan and its " ..
      "owner down so that it outlasts one person.",
      evidence = { "QC-LDR-02" } }
  end

  local thin = {}
  for _, t in ipairs(profile.thin(org, survey, dims, signals)) do
    thin[#thin + 1] = survey.dimension[t.id].title .. " on " .. t.n ..
      " of " .. t.total
  end
  if #thin > 0 then
    findings[#findings + 1] = { id = "thin-rating", severity = "low",
      text = "Some levels rest on few of their questions (" ..
      table.concat(thin, "; ") .. "). Treat them as provisional until " ..
      "the other questions are answered." }
  end
  findings[#findings + 1] = audit.disagreement_finding(org, survey)

  local heads, pos = {}, {}
  for _, id in ipairs(weakest) do heads[id] = true end
  for i, dim in ipairs(survey.dimensions) do
    local l = dims[dim.id].level
    local step = profile.next_step(dim, l)
    if step ~= nil then
      local ev = {}
      for _, q in ipairs(dim.questions) do
        local s = org.questions[q]
        if s ~= nil and s.n > 0 and s.median <= l then ev[#ev + 1] = q end
      end
      result.recommendations[#result.recommendations + 1] = {
        id = step.id, dimension = dim.id,
        priority = heads[dim.id] and 1 or (l < 3 and 2 or 3),
        from_level = step.from_level, to_level = step.to_level,
        text = step.text, evidence = ev }
      pos[dim.id] = i
    end
  end
  table.sort(result.recommendations, function(a, b)
    if a.priority ~= b.priority then return a.priority < b.priority end
    return pos[a.dimension] < pos[b.dimension]
  end)
  return result
end

return { score = score }
