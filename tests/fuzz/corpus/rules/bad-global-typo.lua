local function score(org)
  return profil.dimensions(org)
end
return { score = score }
