local function score(org, survey, target)
  return require
end
return { score = score }
