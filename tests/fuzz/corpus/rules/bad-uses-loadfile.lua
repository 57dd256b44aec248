local function score(org, survey, target)
  return loadfile
end
return { score = score }
