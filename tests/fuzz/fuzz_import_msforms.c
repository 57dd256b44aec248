/* fuzz_import_msforms.c - the msforms importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "msforms"
#include "fuzz_import.h"
