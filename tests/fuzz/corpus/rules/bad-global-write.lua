total = 0
return {}
