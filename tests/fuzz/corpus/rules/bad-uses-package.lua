local function score(org, survey, target)
  return package
end
return { score = score }
