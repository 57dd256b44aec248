-- profile.question_ids: the ids a test keeps, in survey order, the same
-- list again for the same test, another list for another test.
local profile = assess.import("profile")

local function numbers(q) return q.type == "number" end
local function scored(q) return q.type ~= "text" end

return {
  score = function (org, survey)
    local a = profile.question_ids(survey, numbers)
    local b = profile.question_ids(survey, scored)
    assess.log("numbers", table.concat(a, " "))
    assess.log("scored", table.concat(b, " "))
    assess.log("same list again",
      rawequal(a, profile.question_ids(survey, numbers)))
    local dims = {}
    for _, d in ipairs(survey.dimensions) do dims[d.id] = {} end
    return { dimensions = dims, headline = { basis = "nothing rated" } }
  end,
}
