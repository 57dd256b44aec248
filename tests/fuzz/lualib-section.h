/*
 * lualib-section.h - forced into the Lua standard library files that rules
 * can call (lbaselib, lmathlib, lstrlib, ltablib, lutf8lib) when fuzz.mk
 * builds them, so that their code lies between __start_assess_fuzz_lualib
 * and __stop_assess_fuzz_lualib.  fuzz_rules.c uses the range to tell the
 * engine's designed watchdog stop (a rule stuck inside a library call,
 * such as a catastrophic string pattern) from a real hang.
 */
#pragma clang section text="assess_fuzz_lualib"
