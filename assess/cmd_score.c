/*
 * cmd_score.c - `assess score`: answers in, report out.
 *
 * Order of work: validate the command line and the output path; load the
 * survey, target and rules (so a broken rule file fails before a large
 * answers file is read); stream the answers; score each organisation;
 * only then write the report, in pieces, to standard output or to a
 * temporary file renamed over -o's file once complete.  A failure at any
 * step leaves no file behind.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aggregate.h"
#include "answers.h"
#include "buf.h"
#include "cli.h"
#include "fsx.h"
#include "paths.h"
#include "report.h"
#include "result.h"
#include "rules.h"
#include "score.h"
#include "survey.h"
#include "target.h"

struct opts {
	const char	*survey, *target, *rules, *format, *output;
	const char	*fail_below;
	int		 report;	/* enum report_kind */
	unsigned	 anonymity;
	char		**answers;
	int		 nanswers;
};

struct run {
	struct survey	*s;
	struct target	*t;
	struct rules	*r;
	struct agg	*a;
	struct result	 res;
	struct buf	 out;
	char		*survey_path, *target_path;
	struct rules_place place;
};

static int
parse_anonymity(const char *arg, unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > 1000000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 't' },
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-below", required_argument, NULL, 'B' },
		{ "anonymity", required_argument, NULL, 'A' },
		{ "report", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->survey = PATHS_DEFAULT_SURVEY;
	o->anonymity = SCORE_ANONYMITY;
	while ((c = getopt_long(argc, argv, ":s:t:r:f:o:h", longs, NULL)) !=
	    -1) {
		switch (c) {
		case 's': o->survey = optarg; break;
		case 't': o->target = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o':
			/* "-o -" and "-o /dev/stdout" are standard output
			 * itself, whatever it is: a pipe, a socket, a file
			 * opened for appending */
			o->output = strcmp(optarg, "-") == 0 ||
			    strcmp(optarg, "/dev/stdout") == 0 ? NULL : optarg;
			break;
		case 'B': o->fail_below = optarg; break;
		case 'A':
			if (parse_anonymity(optarg, &o->anonymity) != 0)
				return cli_usage_error("score", "--anonymity "
				    "needs a whole number of respondents, not "
				    "'%s'", optarg);
			break;
		case 'R':
			if ((o->report = report_kind(optarg)) < 0)
				return cli_usage_error("score", "--report is "
				    "one of %s, not '%s'", report_kind_names(),
				    optarg);
			break;
		case 'h': return -1;
		default: return cli_bad_option("score", argv, c);
		}
	}
	o->answers = argv + optind;
	o->nanswers = argc - optind;
	if (o->nanswers == 0)
		return cli_usage_error("score", "give at least one answers "
		    "file (CSV or JSON)");
	return 0;
}

static const struct report_format *
choose_format(const struct opts *o)
{
	const struct report_format *f;

	if (o->format != NULL) {
		if ((f = report_find(o->format)) == NULL)
			cli_usage_error("score", "unknown format '%s'; expected "
			    "one of %s", o->format, report_names());
		return f;
	}
	if (o->output != NULL) {
		const char *base = fsx_basename(o->output);
		const char *dot = strrchr(base, '.');

		if ((f = report_for_file(o->output)) != NULL)
			return f;
		if (dot != NULL && dot != base) {	/* out.html, out.xlsx */
			cli_usage_error("score", "cannot tell the format from "
			    "the name '%s'; give -f with one of %s",
			    o->output, report_names());
			return NULL;
		}
	}
	return report_find("md");
}

/* The report must not overwrite an answers file, and must be writable;
 * checked before any work. */
static int
check_output(const struct opts *o, struct err *e)
{
	int i;

	if (o->output == NULL)
		return 0;
	for (i = 0; i < o->nanswers; i++)
		if (fsx_same_file(o->output, o->answers[i]))
			return err_set(e, AS_EUSAGE, o->output, 0, 0, "is also "
			    "an answers file; the report would overwrite it");
	return fsx_check_output(o->output, e);
}

/* Nor the survey, target or rule file the run loads, however they were
 * named (an id, a folder, a path): checked once their paths are known. */
static int
check_output_inputs(const struct opts *o, const struct run *rn,
    struct err *e)
{
	if (o->output == NULL)
		return 0;
	if (fsx_same_file(o->output, rn->survey_path) ||
	    (rn->target_path && fsx_same_file(o->output, rn->target_path)) ||
	    fsx_same_file(o->output, rn->place.path))
		return err_set(e, AS_EUSAGE, o->output, 0, 0, "is one of the "
		    "input files; the report would overwrite it");
	return 0;
}

static int
level_arg(const struct survey *s, const char *arg, int *level)
{
	size_t i;

	if (arg[0] >= '1' && arg[0] <= '5' && arg[1] == '\0') {
		*level = arg[0] - '0';
		return 0;
	}
	for (i = 0; i < NLEVELS; i++)
		if (strcasecmp(arg, s->levels[i].id) == 0 ||
		    strcasecmp(arg, s->levels[i].label) == 0) {
			*level = s->levels[i].level;
			return 0;
		}
	return -1;
}

static void
print_log(void *ctx, const char *where, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "assess: %s: log: %s\n", where, msg);
}

static int
load_inputs(const struct opts *o, struct run *rn, struct err *e)
{
	struct rules_limits lim;

	if ((rn->survey_path = paths_survey(o->survey, e)) == NULL ||
	    (rn->s = survey_load(rn->survey_path, e)) == NULL)
		return -1;
	if (o->target != NULL && ((rn->target_path = paths_target(o->target,
	    rn->s, e)) == NULL || (rn->t = target_load(rn->target_path, rn->s,
	    e)) == NULL))
		return -1;
	if (paths_rules(rn->s, o->rules, &rn->place, e) != 0 ||
	    check_output_inputs(o, rn, e) != 0)
		return -1;
	rules_default_limits(&lim);
	if ((rn->r = rules_open(rn->place.path, rn->place.display,
	    rn->place.libs, rn->place.nlibs, &lim, e)) == NULL)
		return -1;
	rules_set_log(rn->r, print_log, NULL);
	return rules_prepare(rn->r, rn->s, rn->t, e);
}

/* Reading the answers files in turn. */
struct reading {
	const struct opts *o;
	struct agg	*a;
	int		*named;		/* per file: rows filed under its name */
	int		 i;		/* the file being read */
};

static int check_named(const struct opts *o, const int *named, int i,
    struct err *e);

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	struct reading *rd = ctx;

	/* checked at the first such row, before its respondents can clash
	 * with those of the other file */
	if (r->org_from_file && !rd->named[rd->i]) {
		rd->named[rd->i] = 1;
		if (check_named(rd->o, rd->named, rd->i, e) != 0)
			return -1;
	}
	return agg_add(rd->a, r, e);
}

/* Two files without an organisation column whose names give the same
 * organisation (clientA/answers.csv, clientB/answers.csv) would be merged
 * into one: refuse, naming both. */
static int
check_named(const struct opts *o, const int *named, int i, struct err *e)
{
	char a[ANSWERS_NAME_MAX + 1], b[ANSWERS_NAME_MAX + 1];
	int j;

	answers_default_org(o->answers[i], a, sizeof(a));
	for (j = 0; j < i; j++) {
		if (!named[j])
			continue;
		answers_default_org(o->answers[j], b, sizeof(b));
		if (strcmp(a, b) == 0)
			return err_set(e, AS_EINPUT, o->answers[i], 0, 0,
			    "has no organisation column, so its answers are "
			    "filed under the file's name, '%s', and so are "
			    "those of %s: add an organisation column to keep "
			    "them apart", a, o->answers[j]);
	}
	return 0;
}

static int
read_answers(const struct opts *o, struct run *rn, struct err *e)
{
	struct reading rd;
	int i, j, *named, rc = -1;

	if ((rn->a = agg_new(rn->s, e)) == NULL)
		return -1;
	if ((named = calloc((size_t)o->nanswers + 1, sizeof(*named))) == NULL)
		return err_nomem(e);
	rd.o = o;
	rd.a = rn->a;
	rd.named = named;
	for (i = 0; i < o->nanswers; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(o->answers[i], "-") != 0 &&
			    (strcmp(o->answers[i], o->answers[j]) == 0 ||
			    fsx_same_file(o->answers[i], o->answers[j]))) {
				err_set(e, AS_EUSAGE, o->answers[i], 0, 0,
				    "is given twice; its answers would be "
				    "counted twice");
				goto out;
			}
		rd.i = i;
		if (answers_read(o->answers[i], rn->s, sink, &rd, e) < 0)
			goto out;
	}
	agg_end_input(rn->a);
	rc = 0;
out:
	free(named);
	return rc;
}

static int
score_all(const struct opts *o, struct run *rn, struct err *e)
{
	size_t i, n = agg_count(rn->a);

	result_init(&rn->res);
	if (score_begin(&rn->res, rn->s, rn->t, o->anonymity, n, e) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (score_org(&rn->res, rn->r, rn->s, rn->t, rn->a,
		    agg_org(rn->a, i), e) != 0)
			return -1;
	return 0;
}

static int
to_stdout(void *ctx, const char *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n)
		return err_set(ctx, AS_ESYS, NULL, 0, 0, "error writing the "
		    "report to standard output");
	return 0;
}

struct file_sink {
	struct fsx_out	 out;
	struct err	*e;
};

static int
to_file(void *ctx, const char *p, size_t n)
{
	struct file_sink *f = ctx;

	return fsx_out_write(&f->out, p, n, f->e);
}

/* Write the report in pieces as the writer produces it: to standard
 * output, or to -o's temporary file, renamed into place only once the
 * whole report is on disk. */
static int
emit(const struct opts *o, const struct report_format *fmt, struct run *rn,
    struct err *e)
{
	struct file_sink fs;

	if (o->output == NULL) {
		buf_stream(&rn->out, to_stdout, e);
		return fmt->write(&rn->res, o->report, &rn->out, e) != 0 ||
		    buf_flush(&rn->out) != 0 ? -1 : 0;
	}
	fs.e = e;
	if (fsx_out_open(&fs.out, o->output, e) != 0)
		return -1;
	buf_stream(&rn->out, to_file, &fs);
	if (fmt->write(&rn->res, o->report, &rn->out, e) != 0 ||
	    buf_flush(&rn->out) != 0) {
		fsx_out_abort(&fs.out);
		return -1;
	}
	return fsx_out_commit(&fs.out, e);
}

static int
below(const struct result *res, int level)
{
	size_t i, n = 0;
	const char *first = NULL;

	for (i = 0; i < res->norgs; i++)
		if (res->orgs[i].headline < level && n++ == 0)
			first = res->orgs[i].id;
	if (n == 0)
		return 0;
	/* one line saying why the status is 4 (a headline that is not rated
	 * counts as below any level) */
	fputs("assess: ", stderr);
	if (n == 1) {
		fputs("organisation '", stderr);
		err_print_text(stderr, first);
		fprintf(stderr, "' is below level %d", level);
	} else {
		fprintf(stderr, "%zu of %zu organisations are below level %d, "
		    "the first '", n, res->norgs, level);
		err_print_text(stderr, first);
		fputc('\'', stderr);
	}
	fputs(" (--fail-below)\n", stderr);
	return 1;
}

static void
release(struct run *rn)
{
	rules_free(rn->r);
	agg_free(rn->a);
	target_free(rn->t);
	survey_free(rn->s);
	result_release(&rn->res);
	buf_release(&rn->out);
	paths_rules_release(&rn->place);
	free(rn->survey_path);
	free(rn->target_path);
}

int
cmd_score(int argc, char **argv)
{
	const struct report_format *fmt;
	struct err e = { 0 };
	struct opts o;
	struct run rn;
	int rc, level = 0;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("score") : rc;
	if ((fmt = choose_format(&o)) == NULL)
		return AS_EXIT_USAGE;
	if (check_output(&o, &e) != 0)
		return cli_fail(&e);
	memset(&rn, 0, sizeof(rn));
	buf_init(&rn.out);
	result_init(&rn.res);
	rc = AS_EXIT_OK;
	if (load_inputs(&o, &rn, &e) != 0)
		goto fail;
	if (o.fail_below != NULL && level_arg(rn.s, o.fail_below, &level) !=
	    0) {
		rc = cli_usage_error("score", "--fail-below needs a level: 1 to "
		    "5 or a level name such as '%s'", rn.s->levels[2].id);
		goto out;
	}
	if (read_answers(&o, &rn, &e) != 0 || score_all(&o, &rn, &e) != 0 ||
	    emit(&o, fmt, &rn, &e) != 0)
		goto fail;
	if (level > 0 && below(&rn.res, level))
		rc = AS_EXIT_BELOW;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	release(&rn);
	return rc;
}
