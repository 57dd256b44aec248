local function score(org, survey, target)
  return rawset
end
return { score = score }
