local function score(org, survey)
  return survey.dimension["TRNG"].title
end
return { score = score }
