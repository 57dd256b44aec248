/*
 * suggest.c - nearest-name hints by Levenshtein distance.
 */
#include <ctype.h>
#include <string.h>

#include "suggest.h"

#define MAXLEN 64

static unsigned
distance(const char *a, const char *b)
{
	unsigned row[MAXLEN + 1], i, j, prev, tmp;
	size_t la = strlen(a), lb = strlen(b);

	if (la > MAXLEN || lb > MAXLEN)
		return (unsigned)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 1]) ? 0 : 1;
			unsigned best = prev + cost;

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

void
suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->dist = (unsigned)-1;
}

void
suggest_try(struct suggest *s, const char *candidate)
{
	size_t len = strlen(s->word);
	unsigned d = distance(s->word, candidate);
	unsigned limit = len < 4 ? 1 : len < 8 ? 2 : 3;

	if (d <= limit && d < s->dist) {
		s->dist = d;
		s->best = candidate;
	}
}
