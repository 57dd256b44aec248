/* fuzz_import_limesurvey.c - the limesurvey importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "limesurvey"
#include "fuzz_import.h"
