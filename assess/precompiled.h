/*
 * precompiled.h - the bundled rule files, compiled when the binary was
 * built (assess/gen/rulebc.c writes the table).
 */
#ifndef ASSESS_PRECOMPILED_H
#define ASSESS_PRECOMPILED_H

#include <stddef.h>

struct precompiled {
	const char		*name;	/* as the engine shows it: rules/... */
	const unsigned char	*src;	/* the text it was compiled from */
	size_t			 srclen;
	const unsigned char	*code;	/* Lua bytecode, with debug info */
	size_t			 codelen;
};

/* The chunk compiled from exactly 'len' bytes at 'src' under 'name', or
 * NULL: any other text is compiled when it is loaded. */
typedef const struct precompiled *(*precompiled_fn)(const char *name,
    const char *src, size_t len);

const struct precompiled *precompiled_find(const char *name,
    const char *src, size_t len);

#endif
