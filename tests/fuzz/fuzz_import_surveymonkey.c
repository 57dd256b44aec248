/* fuzz_import_surveymonkey.c - the surveymonkey importer under libFuzzer: see fuzz_import.h. */
#define FUZZ_IMPORT_TOOL "surveymonkey"
#include "fuzz_import.h"
