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

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "engine.h"
#include "fsx.h"
#include "impmap.h"
#include "import.h"
#include "output.h"
#include "paths.h"
#include "report.h"
#include "result.h"
#include "score.h"

struct opts {
	const char	*survey, *target, *rules, *format, *output;
	const char	*fail_below, *as_of;
	int		 report;	/* enum report_kind */
	unsigned	 anonymity, jobs;
	const char	*from, *map;	/* survey-tool exports */
	int		 keep_going;
	struct import_opts io;
	char		 date[DATE_LEN + 1];
	char		**answers;
	int		 nanswers;
};

/* --keep-going: the responses left out, in the order read. */
struct left_out {
	struct err	*v;
	size_t		 n, cap;
	int		 failed;
};

struct run {
	const struct opts *o;
	struct engine	*en;
	struct result	 res;
	struct import_opts io;		/* --from: with the mapping file */
	struct impmap	*map;
	const struct report_format *fmt;
	int		 level;		/* --fail-below */
	char		 bad_level[64];	/* set: --fail-below was no level */
	struct left_out	 left_out;	/* --keep-going */
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

/* The options of survey-tool exports go with --from. */
static int
check_from(const struct opts *o)
{
	if (o->from != NULL && import_find_tool(o->from) == NULL)
		return cli_usage_error("score", "--from '%s' is not a survey "
		    "tool; expected one of %s", o->from, import_tool_names());
	if (o->from == NULL && (o->map || o->io.org_column ||
	    o->io.role_column || o->io.partial))
		return cli_usage_error("score", "-m, --organisation-column, "
		    "--role-column and --partial read survey-tool exports; "
		    "give --from TOOL");
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
		{ "from", required_argument, NULL, 'F' },
		{ "map", required_argument, NULL, 'm' },
		{ "organisation-column", required_argument, NULL, 'O' },
		{ "role-column", required_argument, NULL, 'R' },
		{ "partial", no_argument, NULL, 'P' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "as-of", required_argument, NULL, 'D' },
		{ "report", required_argument, NULL, 'W' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->anonymity = SCORE_ANONYMITY;
	while ((c = getopt_long(argc, argv, ":s:t:r:f:o:m:j:h", longs, NULL)) !=
	    -1) {
		switch (c) {
		case 'F': o->from = optarg; break;
		case 'm': o->map = optarg; break;
		case 'O': o->io.org_column = optarg; break;
		case 'R': o->io.role_column = optarg; break;
		case 'P': o->io.partial = 1; break;
		case 'k': o->keep_going = 1; break;
		case 's': o->survey = optarg; break;
		case 't': o->target = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o': o->output = output_arg(optarg); break;
		case 'B': o->fail_below = optarg; break;
		case 'A':
			if (parse_anonymity(optarg, &o->anonymity) != 0)
				return cli_usage_error("score", "--anonymity "
				    "needs a whole number of respondents, not "
				    "'%s'", optarg);
			break;
		case 'W':
			if ((o->report = report_kind(optarg)) < 0)
				return cli_usage_error("score", "--report is "
				    "one of %s, not '%s'", report_kind_names(),
				    optarg);
			break;
		case 'D':
			if (strlen(optarg) != DATE_LEN ||
			    date_parse(optarg, DATE_LEN, o->date) != 0)
				return cli_usage_error("score", "--as-of needs a "
				    "date, YYYY-MM-DD, not '%s'", optarg);
			o->as_of = o->date;
			break;
		case 'j':
			if (cli_jobs("score", optarg, &o->jobs) != 0)
				return AS_EXIT_USAGE;
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
	return check_from(o);
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

/* Once the survey, target and rules are known, before any answers are
 * read: the report must not overwrite one of them (checked on the
 * resolved paths: an id, a folder, a path), and --fail-below must name a
 * level of the survey. */
static int
loaded(void *ctx, const struct engine *en, struct err *e)
{
	struct run *rn = ctx;
	const struct opts *o = rn->o;
	const struct survey *s = engine_survey(en);

	if (o->output != NULL && engine_is_input(en, o->output))
		return err_set(e, AS_EUSAGE, o->output, 0, 0, "is one of the "
		    "input files; the report would overwrite it");
	if (o->fail_below != NULL && level_arg(s, o->fail_below,
	    &rn->level) != 0) {
		snprintf(rn->bad_level, sizeof(rn->bad_level), "%s",
		    s->levels[2].id);
		return err_set(e, AS_EUSAGE, NULL, 0, 0, "bad --fail-below");
	}
	if (o->map != NULL && (rn->map = impmap_load(o->map, s, e)) == NULL)
		return -1;
	rn->io.map = rn->map;
	return 0;
}

/* ==== --keep-going: responses left out ==== */

static void
exclude(void *ctx, const struct err *e)
{
	struct run *rn = ctx;
	struct left_out *lo = &rn->left_out;
	struct err *v;

	err_print(e, stderr);
	if (lo->n == lo->cap) {
		lo->cap = lo->cap ? lo->cap * 2 : 16;
		if ((v = realloc(lo->v, lo->cap * sizeof(*v))) == NULL) {
			lo->failed = 1;
			return;
		}
		lo->v = v;
	}
	lo->v[lo->n++] = *e;
}

/* Into the result, for the report to say how many and why. */
static int
attach_excluded(struct run *rn, struct err *e)
{
	const struct left_out *lo = &rn->left_out;
	struct result *res = &rn->res;
	size_t i;

	res->keep_going = 1;
	if (lo->failed || (lo->n > 0 && (res->excluded = arena_alloc(
	    &res->arena, lo->n * sizeof(*res->excluded))) == NULL))
		return err_nomem(e);
	for (i = 0; i < lo->n; i++) {
		struct r_excluded *x = &res->excluded[i];
		const struct err *b = &lo->v[i];

		x->line = b->line;
		if ((x->file = result_intern(res, b->file, strlen(b->file))) ==
		    NULL || (x->reason = result_intern(res, b->msg,
		    strlen(b->msg))) == NULL)
			return err_nomem(e);
	}
	res->nexcluded = lo->n;
	if (lo->n > 0)
		fprintf(stderr, "assess: %zu %s with errors left out "
		    "(--keep-going)\n", lo->n, lo->n == 1 ? "response" :
		    "responses");
	return 0;
}

static int
run(const struct opts *o, struct run *rn, struct err *e)
{
	struct engine_opts eo;
	int i;

	memset(&eo, 0, sizeof(eo));
	eo.survey = o->survey;
	eo.target = o->target;
	eo.rules = o->rules;
	eo.anonymity = o->anonymity;
	eo.as_of = o->as_of;
	eo.jobs = o->jobs;
	eo.note = cli_note;
	eo.log = cli_log;
	eo.loaded = loaded;
	eo.ctx = rn;
	eo.from = o->from;
	rn->io = o->io;
	eo.import = &rn->io;
	if (o->keep_going) {
		eo.bad = exclude;
		eo.keep_going = 1;
	}
	if ((rn->en = engine_new(&eo, e)) == NULL)
		return -1;
	for (i = 0; i < o->nanswers; i++)
		if (engine_add(rn->en, o->answers[i], e) < 0)
			return -1;
	if (engine_score(rn->en, &rn->res, e) != 0)
		return -1;
	rn->res.jobs = o->jobs;		/* the JSON writer uses them too */
	return o->keep_going ? attach_excluded(rn, e) : 0;
}

static int
write_report(void *ctx, struct buf *out, struct err *e)
{
	struct run *rn = ctx;

	return rn->fmt->write(&rn->res, rn->o->report, out, e);
}

/* The organisations whose headline is below --fail-below's level (one
 * not rated counts as below any level), into the result so that the
 * JSON report lists them all. */
static int
mark_below(struct result *res, int level, struct err *e)
{
	size_t i;

	res->fail_below = level;
	if (res->norgs > 0 && (res->below.v = arena_alloc(&res->arena,
	    res->norgs * sizeof(char *))) == NULL)
		return err_nomem(e);
	for (i = 0; i < res->norgs; i++)
		if (res->orgs[i].headline < level)
			res->below.v[res->below.n++] = res->orgs[i].id;
	return 0;
}

#define BELOW_NAMED 20	/* on standard error; the JSON lists them all */

/* One line saying why the status is 4. */
static void
say_below(const struct result *res)
{
	size_t i, n = res->below.n;

	fputs("assess: ", stderr);
	if (n == 1)
		fprintf(stderr, "organisation '");
	else
		fprintf(stderr, "%zu of %zu organisations are below level %d: '",
		    n, res->norgs, res->fail_below);
	for (i = 0; i < n && i < BELOW_NAMED; i++) {
		if (i > 0)
			fputs("', '", stderr);
		err_print_text(stderr, res->below.v[i]);
	}
	if (n == 1)
		fprintf(stderr, "' is below level %d", res->fail_below);
	else
		fputc('\'', stderr);
	if (n > BELOW_NAMED)
		fprintf(stderr, " and %zu more", n - BELOW_NAMED);
	fputs(" (--fail-below)\n", stderr);
}

static void
release(struct run *rn)
{
	engine_free(rn->en);
	impmap_free(rn->map);
	free(rn->left_out.v);
	result_release(&rn->res);
}

int
cmd_score(int argc, char **argv)
{
	const struct report_format *fmt;
	struct err e = { 0 };
	struct opts o;
	struct run rn;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("score") : rc;
	if ((fmt = output_format("score", o.format, o.output)) == NULL)
		return AS_EXIT_USAGE;
	if (output_check(o.output, o.answers, o.nanswers, "an answers file",
	    &e) != 0)
		return cli_fail(&e);
	memset(&rn, 0, sizeof(rn));
	rn.o = &o;
	result_init(&rn.res);
	rc = AS_EXIT_OK;
	rn.fmt = fmt;
	if (run(&o, &rn, &e) != 0 || (rn.level > 0 && mark_below(&rn.res,
	    rn.level, &e) != 0) || output_emit(o.output, write_report, &rn,
	    &e) != 0) {
		rc = rn.bad_level[0] ? cli_usage_error("score", "--fail-below "
		    "needs a level: 1 to 5 or a level name such as '%s'",
		    rn.bad_level) : cli_fail(&e);
	} else if (rn.res.below.n > 0) {
		say_below(&rn.res);
		rc = AS_EXIT_BELOW;
	}
	release(&rn);
	return rc;
}
