/* fuzz_import_odk.c - the odk importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "odk"
#include "fuzz_import.h"
