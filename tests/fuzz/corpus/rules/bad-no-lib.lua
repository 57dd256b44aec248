local x = assess.import("nosuch")
return {}
