string.upper = function () return "pwned" end
return {}
