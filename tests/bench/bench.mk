# placeholder, replaced by the benchmark makefile
