-- The smallest valid rule file: every dimension not rated.
return {
  score = function (org, survey)
    local dims = {}
    for _, d in ipairs(survey.dimensions) do dims[d.id] = {} end
    return { dimensions = dims, headline = { basis = "nothing rated" } }
  end,
}
