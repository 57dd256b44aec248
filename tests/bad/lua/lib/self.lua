-- imported by tests/bad/lua/double-import.lua
local again = assess.import("self")
return {}
