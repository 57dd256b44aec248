/*
 * arena.c - chunked bump allocator.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
};

#define CHUNK_MIN ((size_t)32 << 10)
#define ALIGN(n) (((n) + 15) & ~(size_t)15)
#define CHUNK_HDR ALIGN(sizeof(struct chunk))

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	void *p;

	if (n > ((size_t)1 << 40))
		return NULL;
	n = ALIGN(n ? n : 1);
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;

		if ((c = malloc(CHUNK_HDR + size)) == NULL)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->size = size;
		a->head = c;
	}
	p = (char *)c + CHUNK_HDR + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_release(struct arena *a)
{
	struct chunk *c = a->head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void
arena_adopt(struct arena *to, struct arena *from)
{
	struct chunk *c = from->head;

	if (c == NULL)
		return;
	while (c->next != NULL)
		c = c->next;
	c->next = to->head;
	to->head = from->head;
	from->head = NULL;
}
