local function score(org)
  return org.practices["ACC-R3"]
end
return { score = score }
