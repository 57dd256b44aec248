/* fuzz_import_google.c - the google importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "google"
#include "fuzz_import.h"
