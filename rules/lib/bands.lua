-- bands.lua: numeric bands to levels, for rules that compute a number
-- themselves (a share, a count) and need it on the 1..5 scale.
--
-- A band {min = a, max = b, level = n} holds values with a <= v < b; the
-- last band also holds its max, and a band without max has no upper bound
-- (the same convention as "bands" in a survey file).

local M = {}

function M.level(value, bands)
  if value == nil then return nil end
  for i = 1, #bands do
    local b = bands[i]
    local last = i == #bands
    if value >= b.min and (b.max == nil or value < b.max
        or (last and value == b.max)) then
      return b.level
    end
  end
  return nil
end

-- Bands written compactly as {{min, max, level}, ...} (max may be false).
function M.make(list)
  local out = {}
  for i = 1, #list do
    local b = list[i]
    out[i] = { min = b[1], max = b[2] or nil, level = b[3] }
  end
  return out
end

return M
