/*
 * cmd_template.c - `assess template`: a blank answers sheet (CSV) for one
 * role, or a printable questionnaire (Markdown) with tick boxes, help
 * and the levels, for paper or a meeting.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "paths.h"
#include "report.h"
#include "survey.h"

struct topts {
	const char	*survey, *role, *format;
};

static int
parse_args(int argc, char **argv, struct topts *o)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "role", required_argument, NULL, 'R' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->survey = PATHS_DEFAULT_SURVEY;
	o->role = NULL;
	o->format = "csv";
	while ((c = getopt_long(argc, argv, ":s:f:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': o->survey = optarg; break;
		case 'R': o->role = optarg; break;
		case 'f': o->format = optarg; break;
		case 'h': return -1;
		default: return cli_bad_option("template", argv, c);
		}
	}
	if (optind < argc)
		return cli_usage_error("template", "unexpected argument '%s'; the "
		    "template goes to standard output (add > FILE)", argv[optind]);
	if (strcmp(o->format, "csv") != 0 && strcmp(o->format, "md") != 0)
		return cli_usage_error("template", "unknown format '%s'; "
		    "expected csv or md", o->format);
	return 0;
}

/* The audience --role names (an id or a label, in any letter case), or
 * -1 after a usage error listing them. */
int
cli_role(const char *cmd, const struct survey *s, const char *role)
{
	char ids[512];
	size_t k, o = 0;

	if (role == NULL)
		return s->org_aud;
	for (k = 0; k < s->naud; k++)
		if (strcasecmp(s->aud[k].id, role) == 0 ||
		    strcasecmp(s->aud[k].label, role) == 0)
			return (int)k;
	for (k = 0; k < s->naud && o < sizeof(ids); k++)
		o += (size_t)snprintf(ids + o, sizeof(ids) - o, "%s%s",
		    k ? ", " : "", s->aud[k].id);
	cli_usage_error(cmd, "role '%s' is not an audience of survey '%s'; "
	    "expected one of %s", role, s->id, ids);
	return -1;
}

static void
csv_sheet(const struct survey *s, int role)
{
	size_t i;

	fputs("respondent,organisation,role", stdout);
	for (i = 0; i < s->nq; i++) {
		const struct question *q = &s->qs[i];

		if (!(q->audience & (1u << role)))
			continue;
		printf(",%s", q->id);	/* ids are identifiers: no quoting */
		if (q->evidence)
			printf(",%s:evidence", q->id);
	}
	fputs("\r\n", stdout);
}

/* Survey text in Markdown: scrubbed, active characters escaped, on one
 * line. */
static void
md(const char *s)
{
	struct buf t = BUF_INIT;
	size_t i;

	report_safe(&t, s);
	for (i = 0; i < t.len; i++) {
		char c = t.data[i];

		if (strchr("\\`*_[]<>|~&#!@", c) != NULL ||
		    (c == ':' && strncmp(t.data + i, "://", 3) == 0) ||
		    (c == '.' && i >= 3 && strncasecmp(t.data + i - 3, "www",
		    3) == 0))
			putchar('\\');	/* no markup, no autolinks */
		putchar(c);
	}
	buf_release(&t);
}

static void
md_takes(const struct question *q)
{
	switch (q->type) {
	case Q_SINGLE:
	case Q_LIKERT:
	case Q_YESNO:
		fputs("tick one", stdout);
		break;
	case Q_MULTI:
		fputs("tick all that apply", stdout);
		break;
	case Q_NUMBER:
		fputs("write a number", stdout);
		if (q->has_min && q->has_max)
			printf(" from %g to %g", q->min, q->max);
		else if (q->has_min)
			printf(" of at least %g", q->min);
		else if (q->has_max)
			printf(" of at most %g", q->max);
		break;
	case Q_TEXT:
		fputs("in your own words; not scored", stdout);
		break;
	}
	if (q->required)
		fputs("; required", stdout);
}

static void
md_answer(const struct question *q)
{
	size_t i;

	for (i = 0; i < q->nopts; i++) {
		fputs("- [ ] ", stdout);
		md(q->opts[i].label);
		if (strcmp(q->opts[i].label, q->opts[i].value) != 0) {
			fputs(" (", stdout);
			md(q->opts[i].value);
			fputc(')', stdout);
		}
		fputc('\n', stdout);
	}
	if (q->type == Q_NUMBER || q->type == Q_TEXT) {
		fputs("Answer: ____________________", stdout);
		if (q->unit != NULL) {
			fputc(' ', stdout);
			md(q->unit);
		}
		fputc('\n', stdout);
	}
	if (q->allow_na && q->na_opt < 0)
		fputs("\n- [ ] not applicable (na)\n", stdout);
	if (q->evidence)
		fputs("\nEvidence (a document or decision that shows it): "
		    "____________________\n", stdout);
}

static void
md_question(const struct question *q)
{
	fputs("**", stdout);
	md(q->id);
	fputs(".** ", stdout);
	md(q->text);
	fputs(" *(", stdout);
	md_takes(q);
	fputs(")*\n", stdout);
	if (q->when.op != W_NONE) {
		fputs("\n*Only if:* ", stdout);
		md(q->when.text);
		fputc('\n', stdout);
	}
	if (q->help != NULL) {
		fputs("\n*Help:* ", stdout);
		md(q->help);
		fputc('\n', stdout);
	}
	fputc('\n', stdout);
	md_answer(q);
	fputc('\n', stdout);
}

static void
md_dimension(const struct survey *s, const struct dimension *d, int role)
{
	size_t i, shown = 0;

	for (i = 0; i < d->nq; i++)
		shown += (s->qs[d->first + i].audience & (1u << role)) != 0;
	if (shown == 0)
		return;
	fputs("## ", stdout);
	md(d->title);
	fputs(" (", stdout);
	md(d->id);
	fputs(")\n\n", stdout);
	for (i = 0; i < NLEVELS; i++)
		if (d->ladder[i] != NULL) {
			printf("%zu. *", i + 1);
			md(s->levels[i].label);
			fputs(":* ", stdout);
			md(d->ladder[i]);
			fputc('\n', stdout);
		}
	fputc('\n', stdout);
	for (i = 0; i < d->nq; i++)
		if (s->qs[d->first + i].audience & (1u << role))
			md_question(&s->qs[d->first + i]);
}

static void
md_sheet(const struct survey *s, int role)
{
	size_t i;

	fputs("# ", stdout);
	md(s->title);
	fputs("\n\nSurvey ", stdout);
	md(s->id);
	fputs(", version ", stdout);
	md(s->version);
	fputs(", for: ", stdout);
	md(s->aud[role].label);
	fputs(".\n\nOrganisation: ____________________  "
	    "Name: ____________________  Date: __________\n\n"
	    "Answer from what happens on an ordinary working day.  Leave a "
	    "question blank if you do not know.  Each dimension starts with "
	    "what its five levels look like.\n\n", stdout);
	for (i = 0; i < s->ndims; i++)
		md_dimension(s, &s->dims[i], role);
}

int
cmd_template(int argc, char **argv)
{
	struct survey *s = NULL;
	struct err e = { 0 };
	struct topts o;
	char *path;
	int rc, role;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("template") : rc;
	if ((path = paths_survey(o.survey, &e)) == NULL ||
	    (s = survey_load(path, &e)) == NULL) {
		free(path);
		return cli_fail(&e);
	}
	if ((role = cli_role("template", s, o.role)) < 0)
		rc = AS_EXIT_USAGE;
	else if (strcmp(o.format, "md") == 0)
		md_sheet(s, role);
	else
		csv_sheet(s, role);
	survey_free(s);
	free(path);
	return rc;
}
