-- Busy for a while when loaded (a few million instructions, well within
-- the limits), then a valid rule file: for the watchdog's unit test.
local n = 0
for i = 1, 3000000 do n = n + i % 7 end
return { score = function () return n end }
