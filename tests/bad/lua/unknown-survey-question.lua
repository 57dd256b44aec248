local function score(org, survey)
  return survey.questions["Z9"].type
end
return { score = score }
