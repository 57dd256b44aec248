local a = assess.import("stats")
local b = assess.import("self")
return {}
