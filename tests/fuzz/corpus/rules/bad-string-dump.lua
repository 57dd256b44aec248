local function score() return 1 end
local s = string.dump(score)
return { score = score }
