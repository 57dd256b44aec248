/*
 * cmd_show.c - `assess show`: the questionnaire as a person reads it.
 *
 * Dimensions in survey order, each with its ladder, and each question
 * with its text, who answers it, help, what it takes and its options as
 * "value - label".  Survey text is neutralised: a survey from someone
 * else cannot drive the terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "paths.h"
#include "suggest.h"
#include "survey.h"
#include "term.h"

static void
show_question(const struct survey *s, const struct question *q)
{
	char lead[80];

	snprintf(lead, sizeof(lead), "%s  ", q->id);
	term_wrap(stdout, lead, 4, q->text);
	fputs("    asked of: ", stdout);
	term_audiences(stdout, s, q->audience);
	fputc('\n', stdout);
	if (q->when.op != W_NONE) {
		fputs("    only when: ", stdout);
		term_put(stdout, q->when.text);
		fputc('\n', stdout);
	}
	fputs("    answer: ", stdout);
	term_takes(stdout, q);
	fputs(q->required ? " (required)\n" : "\n", stdout);
	term_options(stdout, q, 6, 0);
	if (q->help != NULL)
		term_wrap(stdout, "    help: ", 10, q->help);
	if (q->evidence)
		fputs("    evidence: say what shows it (a document, a "
		    "decision)\n", stdout);
	fputc('\n', stdout);
}

static void
show_dimension(const struct survey *s, const struct dimension *d,
    int with_questions)
{
	size_t i;

	fputs("== ", stdout);
	term_put(stdout, d->id);
	fputs("  ", stdout);
	term_put(stdout, d->title);
	fputs(d->critical ? " (critical)\n" : "\n", stdout);
	if (d->description != NULL)
		term_wrap(stdout, NULL, 0, d->description);
	fputs("  levels:\n", stdout);
	term_ladder(stdout, s, d);
	fputc('\n', stdout);
	for (i = 0; with_questions && i < d->nq; i++)
		show_question(s, &s->qs[d->first + i]);
}

static void
show_head(const struct survey *s)
{
	size_t i;

	term_wrap(stdout, NULL, 0, s->title);
	fputs("survey ", stdout);
	term_put(stdout, s->id);
	fputs(", version ", stdout);
	term_put(stdout, s->version);
	fprintf(stdout, ": %zu questions in %zu dimensions\n\n", s->nq,
	    s->ndims);
	if (s->description != NULL) {
		term_wrap(stdout, NULL, 0, s->description);
		fputc('\n', stdout);
	}
	fputs("levels:", stdout);
	for (i = 0; i < NLEVELS; i++) {
		fprintf(stdout, "%s %d ", i ? "," : "", s->levels[i].level);
		term_put(stdout, s->levels[i].label);
	}
	fputs("\nrespondents: ", stdout);
	term_audiences(stdout, s, ~0u);
	fputs("\n\n", stdout);
}

/* A dimension (its index) or question (-2 - its index) named by 'id' in
 * any letter case; -1 with a usage error when it is neither. */
static int
lookup(const struct survey *s, const char *id)
{
	struct suggest sg;
	size_t i;

	for (i = 0; i < s->ndims; i++)
		if (strcasecmp(s->dims[i].id, id) == 0)
			return (int)i;
	for (i = 0; i < s->nq; i++)
		if (strcasecmp(s->qs[i].id, id) == 0)
			return -2 - (int)i;
	suggest_init(&sg, id);
	for (i = 0; i < s->ndims; i++)
		suggest_try(&sg, s->dims[i].id);
	for (i = 0; i < s->nq; i++)
		suggest_try(&sg, s->qs[i].id);
	cli_usage_error("show", "'%s' is neither a question nor a dimension "
	    "of survey '%s'%s%s%s", id, s->id, sg.best ? "; did you mean '" :
	    "", sg.best ? sg.best : "", sg.best ? "'?" : "");
	return -1;
}

/* Every id is checked before anything is shown. */
static int
show_ids(const struct survey *s, char **ids, int n)
{
	int i, k;

	for (i = 0; i < n; i++)
		if (lookup(s, ids[i]) == -1)
			return AS_EXIT_USAGE;
	for (i = 0; i < n; i++) {
		k = lookup(s, ids[i]);
		if (k >= 0)
			show_dimension(s, &s->dims[k], 1);
		else
			show_question(s, &s->qs[-2 - k]);
	}
	return AS_EXIT_OK;
}

/* -s SURVEY and -h, shared by show, template and form: the index of the
 * first operand, -1 for help, or -2 - status on a usage error. */
int
cli_survey_opts(const char *cmd, int argc, char **argv, const char **survey)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*survey = PATHS_DEFAULT_SURVEY;
	while ((c = getopt_long(argc, argv, ":s:h", longs, NULL)) != -1) {
		if (c == 's')
			*survey = optarg;
		else if (c == 'h')
			return -1;
		else
			return -2 - cli_bad_option(cmd, argv, c);
	}
	return optind;
}

int
cmd_show(int argc, char **argv)
{
	const char *survey;
	struct survey *s = NULL;
	struct err e = { 0 };
	char *path;
	int first, rc = AS_EXIT_OK;
	size_t i;

	if ((first = cli_survey_opts("show", argc, argv, &survey)) < 0)
		return first == -1 ? cli_help("show") : -2 - first;
	if ((path = paths_survey(survey, &e)) == NULL ||
	    (s = survey_load(path, &e)) == NULL) {
		free(path);
		return cli_fail(&e);
	}
	if (first < argc) {
		rc = show_ids(s, argv + first, argc - first);
	} else {
		show_head(s);
		for (i = 0; i < s->ndims; i++)
			show_dimension(s, &s->dims[i], 1);
	}
	survey_free(s);
	free(path);
	return rc;
}
