local ok = pcall(string.rep, "x", 1 << 30)
local t = {}
for i = 1, 10 do t[i] = i end
return {}
