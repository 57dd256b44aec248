local x = ("abc"):find(string.rep("a", 600))
return {}
