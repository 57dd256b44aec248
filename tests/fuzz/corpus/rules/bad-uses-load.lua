local function score(org, survey, target)
  return load
end
return { score = score }
