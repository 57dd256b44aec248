return { score = function () return { dimensions = 5, headline = { basis = "x" } } end }
