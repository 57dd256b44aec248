-- Tries to change the string library and metatable, then checks that a
-- library loaded afterwards, and the rest of this file, still see the
-- real ones.
local tries = {
  function () string.upper = function () return "pwned" end end,
  function () getmetatable("").__index = {} end,
  function () local mt = getmetatable(""); mt.upper = nil end,
  function () table.insert = nil end,
  function () math.floor = nil end,
  function () assess.import = nil end,
}
for i, f in ipairs(tries) do
  assert(not pcall(f), "tampering attempt " .. i .. " succeeded")
end
local probe = assess.import("probe")
assert(probe.upper_ok(), "the library sees a changed string.upper")
assert(not pcall(function () probe.disguised.n = 2 end),
       "a library table disguised as read-only was left writable")
assert(probe.disguised.n == 1)
assert(("abc"):upper() == "ABC")
assert(getmetatable("") == "locked")

-- Every table reachable from the survey (and the target, when there is
-- one) is read-only at every depth: it says so, refuses new and existing
-- keys, and # agrees with ipairs.
local function check_frozen(t, path, seen)
  if seen[t] then return end
  seen[t] = true
  assert(getmetatable(t) == "read-only", path .. " is not read-only")
  assert(not pcall(function () t.added = 1 end), path .. ".added written")
  assert(not pcall(function () t[1] = 1 end), path .. "[1] written")
  local n = 0
  for _ in ipairs(t) do n = n + 1 end
  assert(#t == n, path .. ": # is " .. #t .. ", ipairs saw " .. n)
  for k, v in pairs(t) do
    assert(not pcall(function () t[k] = false end),
           path .. "." .. tostring(k) .. " written")
    assert(t[k] == v)
    if type(v) == "table" then
      check_frozen(v, path .. "." .. tostring(k), seen)
    end
  end
end

local function score(org, survey, target)
  check_frozen(survey, "survey", {})
  if target then check_frozen(target, "target", {}) end
  assert(#survey.questions == 0 and #survey.levels == 5)
  assert(#survey.questions.A2.options == 4)
  -- pairs() over a read-only table must not hand out the writable table
  -- behind it (its state is the read-only table itself)
  local _, state = pairs(survey.dimensions)
  assert(not pcall(function () state[1] = "x" end),
         "pairs() gave away a writable table")
  assert(not pcall(function () state.extra = 1 end))
  local _, inner = pairs(survey.dimensions[1])
  assert(not pcall(function () inner.title = "changed" end))
  assert(survey.dimensions[1].title ~= "changed")
  -- read-only tables still read like tables
  local n = 0
  for _ in pairs(survey.questions) do n = n + 1 end
  assert(n == 9, "pairs over survey.questions saw " .. n)
  assert(#survey.dimensions == 3 and survey.dimensions[1].id == "ACC")
  local ids = {}
  for i, d in ipairs(survey.dimensions) do ids[i] = d.id end
  assert(table.concat(ids, ",") == "ACC,TRN,ENG")
  assert(survey.dimension.TRN == survey.dimensions[2])
  assert(assess.import("probe") == probe, "a library is loaded once")
  assess.log("org", org.id, "has", org.respondents, "respondent(s)\27[31m")
  local dims = {}
  for _, d in ipairs(survey.dimensions) do
    dims[d.id] = { level = 3, score = 50 }
  end
  return { dimensions = dims,
           headline = { level = 3, basis = probe.upper_ok() and "ok" or "no" } }
end

return { score = score }
