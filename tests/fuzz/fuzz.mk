# placeholder, replaced by the fuzz harness makefile
