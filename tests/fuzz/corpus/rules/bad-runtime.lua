local function score(org)
  local q = org.questions["nope"]
  return q.answered
end
return { score = score }
