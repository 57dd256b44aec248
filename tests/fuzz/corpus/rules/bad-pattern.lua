local s = string.rep("a", 3000)
local x = string.find(s, ".-.-.-.-b")
return {}
