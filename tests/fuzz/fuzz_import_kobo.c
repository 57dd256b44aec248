/* fuzz_import_kobo.c - the kobo importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "kobo"
#include "fuzz_import.h"
