local function score(org, survey, target)
  return target.dimensions["AC"]
end
return { score = score }
