/*
 * impfile.h - an export file fed to the importer record by record.
 *
 * Refuses what is not CSV (a workbook, UTF-16, HTML) before reading it as
 * such; passes every record with the line it starts on; reads the file a
 * second time when the importer asks (the role found by content).
 */
#ifndef ASSESS_IMPFILE_H
#define ASSESS_IMPFILE_H

#include "err.h"
#include "import.h"

/* Read 'path' ('-': standard input) into 'im' to the end.  0, or -1 with
 * 'e' set. */
int impfile_read(const char *path, struct import *im, struct err *e);

#endif
