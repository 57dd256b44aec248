local m = assess.import("profile")
return { score = function (org, survey) local d = m.dimensions(org, survey) return { dimensions = d, headline = { basis = "x" }, recommendations = { { id = "r", dimension = "ACC", priority = 1, from_level = 3, to_level = 2, text = "x" } } } end }
