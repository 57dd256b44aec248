/*
 * impmap.h - the import mapping file (assess-import-map/1): which column
 * of a survey-tool export is which question, option, organisation or
 * role, and which cell text is which option value.
 *
 * 'assess import --init-map' writes one from what matched; the consultant
 * reviews it and gives it back with -m.  The loader checks every question
 * and option it names against the survey, with FILE:LINE:COL and the
 * nearest candidates.  surveys/FORMAT.md documents the format.
 */
#ifndef ASSESS_IMPMAP_H
#define ASSESS_IMPMAP_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "import.h"
#include "survey.h"

#define IMPMAP_FORMAT	"assess-import-map/1"

struct impmap_col {
	const char	*column, *sub;	/* header; second header row or NULL */
	enum import_use	 use;		/* IU_QUESTION, IU_OPTION, IU_ORG,
					   IU_ROLE, IU_IGNORE, IU_UNMATCHED */
	int		 q, opt;
	const char	**from, **to;	/* cell text -> option value */
	size_t		 nvalues;
	unsigned	 line;
	int		 used;		/* a column of the export matched it */
};

struct impmap {
	struct arena	 arena;
	const char	*path;
	struct impmap_col *cols;
	size_t		 ncols;
};

struct impmap *impmap_load(const char *path, const struct survey *s,
    struct err *e);
void impmap_free(struct impmap *m);

/* The entry for a column with these header texts, or NULL. */
const struct impmap_col *impmap_find(const struct impmap *m,
    const char *head, const char *sub);

/* The option value the entry gives a cell text, or NULL. */
const char *impmap_value(const struct impmap_col *c, const char *p,
    size_t n);

/* Write the mapping the importer made of an export's columns: every
 * column with what it matched and how, the unmatched ones with their
 * nearest questions, for review. */
void impmap_write(struct buf *out, const struct survey *s,
    const char *tool, const struct import_col *cols, size_t n);

#endif
