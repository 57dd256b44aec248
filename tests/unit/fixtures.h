/*
 * fixtures.h - shared test fixtures: the mini test survey
 * (tests/data/mini/survey.json), loaded once per test program.
 */
#ifndef ASSESS_FIXTURES_H
#define ASSESS_FIXTURES_H

#include <stdio.h>

#include "survey.h"

/* The mini survey, or NULL after saying why. */
static struct survey *
mini_survey(void)
{
	struct err e;
	struct survey *mini = survey_load("tests/data/mini/survey.json", &e);

	if (mini == NULL)
		printf("cannot load the mini survey: %s\n", e.msg);
	return mini;
}

#endif
