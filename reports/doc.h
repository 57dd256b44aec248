/*
 * doc.h - a report written once, for every document format.
 *
 * compose.c says what a report contains (headings, paragraphs, lists,
 * tables, charts) through the calls below; md.c and html.c each turn
 * them into their own markup.  'text' is for strings that did not come
 * from assess (names, survey and rule texts): the back end escapes them
 * for where they land.  'lit' is assess's own wording, written as is
 * except for the escaping the format itself needs.
 */
#ifndef ASSESS_DOC_H
#define ASSESS_DOC_H

#include "buf.h"
#include "report.h"

enum doc_chart { CHART_RADAR, CHART_GAPS, CHART_ROLES };

enum doc_block { BLK_NOTE, BLK_LEAD, BLK_SMALL };

struct doc;

struct doc_ops {
	void	(*begin)(struct doc *, const char *title);
	void	(*end)(struct doc *);
	void	(*section)(struct doc *, const char *cls);	/* NULL ends */
	void	(*heading)(struct doc *, int level);		/* 1-4 */
	void	(*end_heading)(struct doc *);
	void	(*para)(struct doc *, enum doc_block);
	void	(*end_para)(struct doc *);
	void	(*text)(struct doc *, const char *s, size_t max);
	void	(*lit)(struct doc *, const char *s);
	void	(*strong)(struct doc *, int on);
	void	(*link)(struct doc *, const char *url, const char *title);
	void	(*list)(struct doc *, int ordered);
	void	(*item)(struct doc *);
	void	(*end_list)(struct doc *);
	void	(*table)(struct doc *, const char *caption,
		    const char *const *heads, const char *align);
	void	(*cell)(struct doc *);
	void	(*end_row)(struct doc *);
	void	(*end_table)(struct doc *);
	void	(*chart)(struct doc *, enum doc_chart, const struct r_org *);
	void	(*br)(struct doc *);
};

struct doc {
	const struct doc_ops	*ops;
	struct buf		*b;
	const struct result	*r;
	int			 kind;
	/* back-end state */
	int			 ordered, nitem, ncell, ncols, in_heading;
	int			 in_table, item_open, row_open;
	size_t			 marker_end;	/* md: where untrusted text
						   that began a block and is
						   all a list number ends
						   (0: none) */
	const char		*align;
};

/* Write the report of 'kind' about 'r' through 'd'. */
void compose(struct doc *d);

#endif
