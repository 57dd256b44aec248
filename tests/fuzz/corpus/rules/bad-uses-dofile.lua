local function score(org, survey, target)
  return dofile
end
return { score = score }
