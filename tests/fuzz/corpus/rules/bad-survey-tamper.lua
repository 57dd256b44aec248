local function score(org, survey)
  survey.questions.A1 = nil
end
return { score = score }
