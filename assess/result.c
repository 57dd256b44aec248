/*
 * result.c - the result model's small helpers.
 */
#include <string.h>

#include "result.h"

void
result_init(struct result *r)
{
	memset(r, 0, sizeof(*r));
}

void
result_release(struct result *r)
{
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

const char *
result_label(const struct result *r, int level)
{
	if (level < 1 || level > RESULT_LEVELS)
		return NULL;
	return r->levels[level - 1].label;
}

int
result_gap(const struct r_dim *d)
{
	if (d->target == 0 || d->level == 0)
		return -1;
	return d->target > d->level ? d->target - d->level : 0;
}

int
result_practice(const struct result *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->npractices; i++)
		if (strcmp(r->practices[i].id, id) == 0)
			return (int)i;
	return -1;
}
