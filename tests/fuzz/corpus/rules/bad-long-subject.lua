local s = string.rep("a", 70000)
local x = s:find("b")
return {}
