local x = assess.import("../x")
return {}
