-- stats.lua: small statistics over level signals and numbers.
--
-- Levels are integers 1..5.  Nothing here knows what a level means.

local M = {}

-- The lower median of a list of numbers (nil for an empty list): with an
-- even count, the smaller of the two middle values, so a tie never rounds
-- a rating up.  A plain list of integers, such as level signals, is done
-- in C (assess.median); any other list is sorted here.
local fast_median = assess.median

function M.median(values)
  local m = fast_median(values)
  if m ~= false then return m end
  local n = #values
  if n == 0 then return nil end
  local sorted = {}
  for i = 1, n do sorted[i] = values[i] end
  table.sort(sorted)
  return sorted[(n + 1) // 2]
end

function M.mean(values)
  local n = #values
  if n == 0 then return nil end
  local sum = 0
  for i = 1, n do sum = sum + values[i] end
  return sum / n
end

-- Weighted mean of values[i] with weights[i] (default 1); nil when the
-- weights sum to zero.
function M.weighted_mean(values, weights)
  local sum, total = 0, 0
  for i = 1, #values do
    local w = weights and weights[i] or 1
    sum = sum + values[i] * w
    total = total + w
  end
  if total <= 0 then return nil end
  return sum / total
end

function M.min(values)
  local m
  for i = 1, #values do
    if m == nil or values[i] < m then m = values[i] end
  end
  return m
end

function M.clamp(x, lo, hi)
  if x < lo then return lo end
  if x > hi then return hi end
  return x
end

-- Round half away from zero to 'digits' decimals.
function M.round(x, digits)
  local f = 10 ^ (digits or 0)
  if x >= 0 then return math.floor(x * f + 0.5) / f end
  return -math.floor(-x * f + 0.5) / f
end

-- The median level signal of a question's answers (org.questions[id]),
-- or nil when nobody gave one.
function M.signal(q)
  local n = q and q.n
  if n == nil or n == 0 then return nil end
  return q.median
end

return M
