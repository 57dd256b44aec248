/*
 * html.h - the frame every HTML report shares: the page head (character
 * set, a Content-Security-Policy that allows nothing but the inline
 * style, the print CSS for A4, the hatching the charts use) and the
 * footer.  The writers in html.c (one result) and html_many.c (compare
 * and trend) fill the page between them.  Nothing here prints or exits.
 */
#ifndef ASSESS_HTML_H
#define ASSESS_HTML_H

#include "buf.h"
#include "result.h"

/* Open the page up to and including <main>.  'title' is untrusted and
 * escaped; 'what' is assess's own words ("readiness report"); 'css'
 * (NULL for none) is appended to the shared style sheet. */
void html_head(struct buf *b, const char *title, const char *what,
    const char *css);

/* The footer naming the survey of 'r' and its scale of levels, then the
 * end of the page. */
void html_foot(struct buf *b, const struct result *r);

#endif
