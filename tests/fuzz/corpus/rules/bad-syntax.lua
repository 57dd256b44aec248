local function score(org)
  return { dimensions = = {} }
end
return { score = score }
