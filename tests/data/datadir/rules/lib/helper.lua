-- A library in the data folder's rules/lib.
return { present = function () return true end }
