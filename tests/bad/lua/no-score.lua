return { scor = function () end }
