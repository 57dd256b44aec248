local m = assess.import("profile")
return { score = function (org, survey) local d = m.dimensions(org, survey) return { dimensions = d, headline = 3 } end }
