-- stats.median and assess.median over the lists they take: plain lists
-- of integers (done in C), and floats, mixed numbers, lists with a
-- metatable, long lists and lists that cannot be sorted (done in Lua).
-- Each result is logged, so the golden stderr pins it.
local stats = assess.import("stats")

local function show(label, ...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
  assess.log(label, select("#", ...), table.concat(parts, " "))
end

local long = {}
for i = 1, 300 do long[i] = 301 - i end

return {
  score = function (org, survey)
    show("odd", stats.median({ 3, 1, 2 }))
    show("even", stats.median({ 4, 1, 3, 2 }))
    show("one", stats.median({ 5 }))
    show("empty", stats.median({}))
    show("negative", stats.median({ -2, 7, -9 }))
    show("extremes", stats.median({ math.maxinteger, math.mininteger, 0 }))
    show("floats", stats.median({ 2.5, 1.5 }))
    show("mixed", stats.median({ 3, 1.0, 2 }))
    show("metatable", stats.median(setmetatable({ 3, 1, 2 }, {})))
    show("proxy", stats.median(setmetatable({}, {
      __index = function (_, i) return ({ 4, 2, 9 })[i] end,
      __len = function () return 3 end })))
    show("long", stats.median(long))
    show("strings", pcall(stats.median, { 1, "x" }))
    show("nil", pcall(stats.median, nil))
    show("c-plain", assess.median({ 2, 1 }))
    show("c-empty", assess.median({}))
    show("c-float", assess.median({ 1.5 }))
    show("c-string", assess.median("x"))
    show("c-long", assess.median(long))
    local dims = {}
    for _, d in ipairs(survey.dimensions) do dims[d.id] = {} end
    return { dimensions = dims, headline = { basis = "nothing rated" } }
  end,
}
