local m = assess.import("profile")
return { score = function (org, survey) local d = m.dimensions(org, survey) d.ACC.level = 2.5 return { dimensions = d, headline = { basis = "x" } } end }
