/* fuzz_import_qualtrics.c - the qualtrics importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "qualtrics"
#include "fuzz_import.h"
