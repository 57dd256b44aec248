local x = math.random()
return {}
