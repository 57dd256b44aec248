/*
 * jdoc.h - strict JSON documents with a source position on every value.
 *
 * cJSON keeps no positions and accepts much that JSON forbids (duplicate
 * keys, leading zeros, "\u0000", raw control characters, invalid UTF-8,
 * trailing garbage).  jdoc_parse() reads the text once with its own
 * strict parser, which builds the tree of jnodes directly, each carrying
 * the position of its value and key.
 *
 * The loaders (survey, target, answers) use the schema helpers below, so
 * every semantic error can say FILE:LINE:COL.
 */
#ifndef ASSESS_JDOC_H
#define ASSESS_JDOC_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

#define JDOC_MAX_DEPTH	32
#define JDOC_MAX_VALUES	500000
#define JDOC_MAX_BYTES	((size_t)8 << 20)

enum jtype { JNULL, JBOOL, JNUM, JSTR, JARR, JOBJ };

struct jnode {
	enum jtype	 type;
	unsigned	 line, col;	/* where the value starts */
	const char	*key;		/* member name inside an object */
	unsigned	 kline, kcol;	/* where the key starts */
	int		 boolean;
	double		 num;
	const char	*str;		/* valid UTF-8, no NUL inside */
	size_t		 len;
	struct jnode	*kids;		/* array elements or object members */
	size_t		 nkids;
};

struct jdoc {
	const char	*file;		/* borrowed; used in messages */
	struct err	*err;		/* borrowed; where helpers report */
	struct jnode	*root;
	struct arena	 arena;
};

/* Parse 'len' bytes of 'text' (which must have a NUL at text[len]).
 * On success the document owns everything it points to. */
int jdoc_parse(struct jdoc *d, const char *file, const char *text,
    size_t len, struct err *e);

/* Read 'path' (capped at JDOC_MAX_BYTES) into 'text', which holds
 * nothing yet, for jdoc_parse(). */
int jdoc_read(const char *path, struct buf *text, struct err *e);

/* Read 'path' (capped at JDOC_MAX_BYTES) and parse it. */
int jdoc_load(struct jdoc *d, const char *path, struct err *e);

void jdoc_release(struct jdoc *d);

/* ---- schema helpers: errors go to d->err at the node's position ---- */

/* Error at a node: "FILE:LINE:COL: message", code AS_EINPUT; returns -1. */
int jdoc_error(const struct jdoc *d, const struct jnode *n,
    const char *fmt, ...) AS_PRINTF(3, 4);

/* Error at the key of an object member. */
int jdoc_key_error(const struct jdoc *d, const struct jnode *n,
    const char *fmt, ...) AS_PRINTF(3, 4);

/* Member 'key' of object 'obj' (case-sensitive), or NULL. */
const struct jnode *jdoc_get(const struct jnode *obj, const char *key);

/* 'n' must be an object whose keys are all in the NULL-terminated
 * 'allowed' list; 'what' names it in messages ("question 'ACC-01'"). */
int jdoc_expect_object(const struct jdoc *d, const struct jnode *n,
    const char *const *allowed, const char *what);

/* Typed members.  With 'required' = 0 an absent member leaves '*out'
 * untouched and returns 0.  Strings are non-empty, at most 'maxlen'
 * bytes, and have no control characters other than TAB and LF. */
int jdoc_string(const struct jdoc *d, const struct jnode *obj,
    const char *key, int required, size_t maxlen, const char **out);
int jdoc_int(const struct jdoc *d, const struct jnode *obj, const char *key,
    int required, long min, long max, long *out);
int jdoc_number(const struct jdoc *d, const struct jnode *obj,
    const char *key, int required, double *out);
int jdoc_bool(const struct jdoc *d, const struct jnode *obj, const char *key,
    int *out);
int jdoc_array(const struct jdoc *d, const struct jnode *obj,
    const char *key, int required, const struct jnode **out);
int jdoc_object(const struct jdoc *d, const struct jnode *obj,
    const char *key, int required, const struct jnode **out);

/* An identifier: 1-64 characters of A-Z a-z 0-9 _ . -, starting with a
 * letter or digit.  'n' must be a string node. */
int jdoc_ident(const struct jdoc *d, const struct jnode *n, const char *what);

/* 1 if 's' is a valid identifier. */
int jdoc_is_ident(const char *s);

/* Name of a JSON type for messages: "a string", "an array", ... */
const char *jdoc_typename(enum jtype t);

#endif
