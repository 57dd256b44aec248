local function score() return 1 end
local s = ("x").dump(score)
return { score = score }
