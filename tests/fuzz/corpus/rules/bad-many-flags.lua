local m = assess.import("profile")
return { score = function (org, survey) local d = m.dimensions(org, survey) local f = {} for i = 1, 101 do f[i] = "f" .. i end return { dimensions = d, headline = { basis = "x" }, flags = f } end }
