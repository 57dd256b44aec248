local function score(org, survey, target)
  return coroutine
end
return { score = score }
