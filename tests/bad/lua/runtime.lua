local function score(org)
  local q = org.by_role.nobody
  return q.answered
end
return { score = score }
