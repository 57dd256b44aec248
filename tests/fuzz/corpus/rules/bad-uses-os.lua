local function score(org, survey, target)
  return os
end
return { score = score }
