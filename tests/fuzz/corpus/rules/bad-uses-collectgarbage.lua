local function score(org, survey, target)
  return collectgarbage
end
return { score = score }
