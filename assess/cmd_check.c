/*
 * cmd_check.c - `assess check`: validate files and say what they are.
 *
 * Each file is checked on its own; a failure is reported and the next
 * file still checked.  The exit status is the worst of them.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "answers.h"
#include "cli.h"
#include "engine.h"
#include "fixture.h"
#include "fsx.h"
#include "jdoc.h"
#include "paths.h"
#include "result.h"
#include "survey.h"
#include "target.h"

static void
ok(const char *path, const char *fmt, ...) AS_PRINTF(2, 3);

static void
ok(const char *path, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err_print_text(stdout, path);
	fputs(": ok: ", stdout);
	err_print_text(stdout, msg);
	fputc('\n', stdout);
}

static struct survey *
open_survey(const char *arg, struct err *e)
{
	char *path = paths_survey(arg, e);
	struct survey *s = path != NULL ? survey_load(path, e) : NULL;

	free(path);
	return s;
}

/* Load survey 'survey' and its rules (or 'override'), run their top
 * level, and score an empty organisation with them: the engine does what
 * score would, once.  The engine, for what it loaded, or NULL. */
static struct engine *
dry_run(const struct engine_opts *eo, struct err *e)
{
	struct engine *en;
	struct result res;
	int rc = -1;

	result_init(&res);
	if ((en = engine_new(eo, e)) != NULL &&
	    engine_add_empty(en, "(no answers)", e) == 0 &&
	    engine_score(en, &res, e) == 0)
		rc = 0;
	result_release(&res);
	if (rc != 0) {
		engine_free(en);
		return NULL;
	}
	return en;
}

/* How the rule file of a survey (or 'override') is named in messages. */
static void
rules_name(const struct survey *s, const char *override, char *out,
    size_t size)
{
	struct rules_place place;
	struct err ignored;

	out[0] = '\0';
	memset(&place, 0, sizeof(place));
	if (paths_rules(s, override, &place, &ignored) == 0)
		snprintf(out, size, "%s", place.display);
	paths_rules_release(&place);
}

static int
check_survey(const char *path, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	const struct survey *s;
	char rules[600];

	memset(&eo, 0, sizeof(eo));
	eo.survey = path;
	if ((en = dry_run(&eo, e)) == NULL)
		return -1;
	s = engine_survey(en);
	rules_name(s, NULL, rules, sizeof(rules));
	ok(path, "survey '%s' version %s: %zu dimensions, %zu questions; "
	    "rules %s", s->id, s->version, s->ndims, s->nq, rules);
	engine_free(en);
	return 0;
}

/* The survey a target belongs to: -s, else the survey.json of the folder
 * above its targets/ folder, else the bundled survey of that id. */
static struct survey *
target_survey(const char *path, const char *survey_arg, struct err *e)
{
	char id[80], *dir, *up, *candidate = NULL;
	struct survey *s;

	if (survey_arg != NULL)
		return open_survey(survey_arg, e);
	if (target_survey_of(path, id, sizeof(id), e) != 0)
		return NULL;
	if ((dir = fsx_dirname(path)) != NULL && (up = fsx_dirname(dir)) !=
	    NULL) {
		candidate = fsx_join(up, "survey.json");
		free(up);
	}
	free(dir);
	if (candidate != NULL && fsx_is_file(candidate)) {
		s = survey_load(candidate, e);
		free(candidate);
		if (s == NULL || strcmp(s->id, id) == 0)
			return s;
		survey_free(s);
	} else {
		free(candidate);
	}
	return open_survey(id, e);
}

static int
check_target(const char *path, const char *survey_arg, struct err *e)
{
	struct survey *s = target_survey(path, survey_arg, e);
	struct target *t = s != NULL ? target_load(path, s, e) : NULL;
	size_t i, ndims = 0;

	if (t != NULL) {
		for (i = 0; i < s->ndims; i++)
			ndims += t->dims[i].level > 0;
		ok(path, "target profile '%s' for survey '%s': targets for %zu "
		    "dimensions, %zu required practices", t->id, s->id, ndims,
		    t->npr);
	}
	target_free(t);
	survey_free(s);
	return t != NULL ? 0 : -1;
}

/* Every bad row is reported, up to this many, before check gives up. */
#define CHECK_MAX_BAD_ROWS	50

/* --keep-going: bad responses are reported and left out, with no limit,
 * and answers that are otherwise sound pass. */
static int keep_going;

static void
bad_row(void *ctx, const struct err *e)
{
	(void)ctx;
	err_print(e, stderr);
}

static int
check_answers(struct engine_input *ei, const char *path,
    const char *survey_arg, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	long n = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = survey_arg;
	eo.answers_only = 1;
	eo.bad = bad_row;
	eo.limit = CHECK_MAX_BAD_ROWS;
	eo.keep_going = keep_going;
	if ((en = engine_new(&eo, e)) != NULL &&
	    (n = engine_read_input(en, ei, e)) >= 0)
		ok(path, "answers to survey '%s': %ld %s from %zu %s",
		    engine_survey(en)->id, n, n == 1 ? "response" : "responses",
		    engine_orgs(en), engine_orgs(en) == 1 ? "organisation" :
		    "organisations");
	engine_free(en);
	return n >= 0 ? 0 : -1;
}

/* Score one fixture's answers with the rules; what it expects is for
 * 'assess test' to compare.  Its organisation into 'org', and how many
 * expectations it holds into '*nex'. */
static int
run_fixture(const struct engine_opts *eo, const char *path,
    const char *name, char *org, size_t size, size_t *nex, struct err *e)
{
	struct fixture f;
	struct result res;
	int rc;

	if (fixture_load(&f, path, name, e) != 0)
		return -1;
	result_init(&res);
	if ((rc = fixture_run(&f, eo, &res, e)) == 0) {
		snprintf(org, size, "%s", res.orgs[0].id);
		*nex = f.nex;
	}
	result_release(&res);
	fixture_release(&f);
	return rc;
}

/* A fixture of the bundled folder, named by its folder's display name. */
static int
run_bundled_fixture(const struct engine_opts *eo, const char *path,
    const char *display, struct err *e)
{
	char *name = fsx_join(display, fsx_basename(path)), org[300];
	size_t nex;
	int rc;

	if (name == NULL)
		return err_nomem(e);
	rc = run_fixture(eo, path, name, org, sizeof(org), &nex, e);
	free(name);
	return rc;
}

/* A rule fixture given to check: read, and run with the rules of its
 * survey. */
static int
check_fixture(const char *path, const char *survey_arg, struct err *e)
{
	struct engine_opts eo;
	char org[300];
	size_t nex;

	memset(&eo, 0, sizeof(eo));
	eo.survey = survey_arg;
	if (run_fixture(&eo, path, NULL, org, sizeof(org), &nex, e) != 0)
		return -1;
	ok(path, "rule fixture: %zu %s for organisation '%s'", nex,
	    nex == 1 ? "expectation" : "expectations", org);
	return 0;
}

/* Run the rules over the fixtures of survey 's': how many, or -1. */
static long
run_fixtures(const struct engine_opts *eo, const struct survey *s,
    struct err *e)
{
	struct paths_names files;
	char *dir, *display;
	long n = -1;
	size_t i;

	if (fixture_dir(s, &dir, &display, e) != 0)
		return -1;
	if (dir == NULL)
		return 0;
	if (fixture_files(dir, &files, e) == 0) {
		for (i = 0; i < files.n; i++)
			if (run_bundled_fixture(eo, files.v[i], display, e) != 0)
				break;
		n = i == files.n ? (long)files.n : -1;
		paths_names_release(&files);
	}
	free(dir);
	free(display);
	return n;
}

static int
check_rules(const char *path, const char *survey_arg, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	long n;

	memset(&eo, 0, sizeof(eo));
	eo.survey = survey_arg;
	eo.rules = path;
	if ((en = dry_run(&eo, e)) == NULL)
		return -1;
	if ((n = run_fixtures(&eo, engine_survey(en), e)) >= 0)
		ok(path, "rules for survey '%s', run on %ld %s",
		    engine_survey(en)->id, n, n == 1 ? "fixture" : "fixtures");
	engine_free(en);
	return n >= 0 ? 0 : -1;
}

/* The survey a rule script is checked against without -s: the bundled
 * survey of the same name (rules/quick-check.lua -> quick-check), else the
 * default survey. */
static const char *
rules_survey(const char *path, char *id, size_t size)
{
	const char *base = fsx_basename(path);
	size_t n = strlen(base) - 4;		/* less ".lua" */
	struct err ignored;
	char *found;

	if (n == 0 || n >= size)
		return PATHS_DEFAULT_SURVEY;
	memcpy(id, base, n);
	id[n] = '\0';
	if (paths_is_path(id) || (found = paths_survey(id, &ignored)) == NULL)
		return PATHS_DEFAULT_SURVEY;
	free(found);
	return id;
}

/* A JSON file: what its "format" says it is. */
static int
check_json(struct engine_input *ei, const struct jdoc *d, const char *path,
    const char *survey_arg, struct err *e)
{
	const struct jnode *f = jdoc_get(d->root, "format");
	const char *fmt = f != NULL && f->type == JSTR ? f->str : "";

	/* by kind, so a newer version of a format gets the loader's
	 * message */
	if (strncmp(fmt, "assess-survey/", 14) == 0)
		return check_survey(path, e);
	if (strncmp(fmt, "assess-target/", 14) == 0)
		return check_target(path, survey_arg, e);
	if (strncmp(fmt, "assess-answers/", 15) == 0)
		return check_answers(ei, path, survey_arg, e);
	if (strncmp(fmt, "assess-rule-fixture/", 20) == 0)
		return check_fixture(path, survey_arg, e);
	return jdoc_error(d, f != NULL ? f : d->root, "not a file assess "
	    "checks: its \"format\" should be %s, %s, %s or %s",
	    SURVEY_FORMAT, TARGET_FORMAT, ANSWERS_FORMAT, FIXTURE_FORMAT);
}

static int
check_file(const char *path, const char *survey_arg, struct err *e)
{
	struct engine_input *ei;
	const struct jdoc *d;
	char sid[80];
	int rc;

	if (fsx_is_json_name(path) == 0 && strlen(path) > 4 &&
	    strcasecmp(path + strlen(path) - 4, ".lua") == 0)
		return check_rules(path, survey_arg ? survey_arg :
		    rules_survey(path, sid, sizeof(sid)), e);
	if ((ei = engine_open_input(path, e)) == NULL)
		return -1;
	if (!engine_input_is_json(ei))
		rc = check_answers(ei, path, survey_arg, e);
	else if ((d = engine_input_json(ei, e)) == NULL)
		rc = -1;
	else
		rc = check_json(ei, d, path, survey_arg, e);
	engine_close_input(ei);
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey = NULL;
	int c, i, status = AS_EXIT_OK, st;

	while ((c = getopt_long(argc, argv, ":s:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': survey = optarg; break;
		case 'k': keep_going = 1; break;
		case 'h': return cli_help("check");
		default: return cli_bad_option("check", argv, c);
		}
	}
	if (optind == argc)
		return cli_usage_error("check", "give at least one file");
	for (i = optind; i < argc; i++) {
		struct err e = { 0 };

		if (check_file(argv[i], survey, &e) == 0)
			continue;
		st = cli_fail(&e);
		if (st > status && status != AS_EXIT_SYSTEM)
			status = st;
	}
	return status;
}
