local function score(org, survey, target)
  return debug
end
return { score = score }
