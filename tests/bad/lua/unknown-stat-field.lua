local function score(org)
  return org.questions["A1"].medain
end
return { score = score }
