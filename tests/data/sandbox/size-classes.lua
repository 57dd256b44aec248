-- Loading fills one size class of small blocks after another with 8 MiB
-- of strings and lets each go: never near the memory limit at once, but
-- a pool that kept every class's freed blocks would hold 24 x 8 MiB.
for size = 16, 16 + 23 * 20, 20 do
  local t, n = {}, (8 * 1024 * 1024) // (size + 40)
  local pad = string.rep("x", size - 8)
  for i = 1, n do t[i] = pad .. string.format("%08d", i) end
  t = nil
end
-- only loaded (rules_prepare), never asked to score
return { score = function () end }
