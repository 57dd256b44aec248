local function score(org, survey, target)
  return warn
end
return { score = score }
