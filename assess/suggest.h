/*
 * suggest.h - "did you mean" hints: the nearest known name to a misspelt
 * one, by edit distance, case-insensitively.
 *
 * Usage: suggest_init(&s, word); suggest_try(&s, candidate) for each known
 * name; then s.best is the closest close-enough candidate, or NULL.
 */
#ifndef ASSESS_SUGGEST_H
#define ASSESS_SUGGEST_H

struct suggest {
	const char	*word;
	const char	*best;
	unsigned	 dist;
};

void suggest_init(struct suggest *s, const char *word);
void suggest_try(struct suggest *s, const char *candidate);

#endif
