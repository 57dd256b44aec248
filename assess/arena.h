/*
 * arena.h - bump allocation for objects that live and die together (a
 * parsed document, a loaded survey, the result of a run).
 *
 * Nothing allocated from an arena is freed on its own; arena_release()
 * frees it all.  Allocation returns NULL when memory runs out.
 */
#ifndef ASSESS_ARENA_H
#define ASSESS_ARENA_H

#include <stddef.h>

struct arena {
	void	*head;
};

#define ARENA_INIT { NULL }

void *arena_alloc(struct arena *a, size_t n);	/* zero-filled */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

/* Everything 'from' holds now belongs to 'to' (released with it);
 * 'from' is left empty. */
void arena_adopt(struct arena *to, struct arena *from);

#endif
