local function score(org)
  local a1 = org.questions["A1"]
  return a1.options.nobody
end
return { score = score }
