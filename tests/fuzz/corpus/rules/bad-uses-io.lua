local function score(org, survey, target)
  return io
end
return { score = score }
