_ENV[1] = true
return {}
