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

#include "aggregate.h"
#include "answers.h"
#include "cli.h"
#include "fsx.h"
#include "jdoc.h"
#include "paths.h"
#include "result.h"
#include "rules.h"
#include "score.h"
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

/* Score one organisation whose only respondent answered nothing: a
 * smoke test that runs the rules' score function once. */
static int
dry_run(struct rules *r, const struct survey *s, struct err *e)
{
	struct response resp;
	struct result res;
	struct agg *a;
	int rc = -1;

	memset(&resp, 0, sizeof(resp));
	result_init(&res);
	resp.org = "(no answers)";
	resp.roles = 1u << s->org_aud;
	if ((resp.ans = calloc(s->nq, sizeof(*resp.ans))) == NULL) {
		err_nomem(e);
		return -1;
	}
	if ((a = agg_new(s, e)) != NULL && agg_add(a, &resp, e) == 0 &&
	    score_begin(&res, s, NULL, SCORE_ANONYMITY, 1, e) == 0 &&
	    score_org(&res, r, s, NULL, a, agg_org(a, 0), e) == 0)
		rc = 0;
	agg_free(a);
	result_release(&res);
	free(resp.ans);
	return rc;
}

/* Load the rules of 's' (or 'override'), run their top level, and score
 * an empty organisation with them. */
static int
load_rules(const struct survey *s, const char *override, char *display,
    size_t size, struct err *e)
{
	struct rules_place place;
	struct rules_limits lim;
	struct rules *r = NULL;
	int rc = -1;

	if (paths_rules(s, override, &place, e) != 0)
		return -1;
	snprintf(display, size, "%s", place.display);
	rules_default_limits(&lim);
	if ((r = rules_open(place.path, place.display, place.libs, place.nlibs,
	    &lim, e)) != NULL && rules_prepare(r, s, NULL, e) == 0 &&
	    dry_run(r, s, e) == 0)
		rc = 0;
	rules_free(r);
	paths_rules_release(&place);
	return rc;
}

static int
check_survey(const char *path, struct err *e)
{
	struct survey *s = survey_load(path, e);
	char rules[600];
	int rc = -1;

	if (s != NULL && load_rules(s, NULL, rules, sizeof(rules), e) == 0) {
		ok(path, "survey '%s' version %s: %zu dimensions, %zu questions; "
		    "rules %s", s->id, s->version, s->ndims, s->nq, rules);
		rc = 0;
	}
	survey_free(s);
	return rc;
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

static void
bad_row(const struct err *e)
{
	err_print(e, stderr);
}

static int
count_sink(void *ctx, const struct response *r, struct err *e)
{
	return agg_add(ctx, r, e);
}

static int
check_answers(const char *path, const char *survey_arg, struct err *e)
{
	struct survey *s = open_survey(survey_arg, e);
	struct agg *a = s != NULL ? agg_new(s, e) : NULL;
	long n = -1;

	if (a != NULL && (n = answers_check(path, s, count_sink, a, bad_row,
	    CHECK_MAX_BAD_ROWS, e)) >= 0)
		ok(path, "answers to survey '%s': %ld %s from %zu %s", s->id,
		    n, n == 1 ? "response" : "responses", agg_count(a),
		    agg_count(a) == 1 ? "organisation" : "organisations");
	agg_free(a);
	survey_free(s);
	return n >= 0 ? 0 : -1;
}

static int
check_rules(const char *path, const char *survey_arg, struct err *e)
{
	struct survey *s = open_survey(survey_arg, e);
	char display[600];
	int rc = -1;

	if (s != NULL && load_rules(s, path, display, sizeof(display),
	    e) == 0) {
		ok(path, "rules for survey '%s'", s->id);
		rc = 0;
	}
	survey_free(s);
	return rc;
}

/* The "format" of a JSON file, in 'out'. */
static int
json_format(const char *path, char *out, size_t size, struct err *e)
{
	const struct jnode *f;
	struct jdoc d;

	if (jdoc_load(&d, path, e) != 0)
		return -1;
	f = jdoc_get(d.root, "format");
	snprintf(out, size, "%s", f != NULL && f->type == JSTR ? f->str : "");
	jdoc_release(&d);
	return 0;
}

static int
json_survey_id(const char *path, char *out, size_t size)
{
	const struct jnode *sv, *id;
	struct jdoc d;
	struct err e;

	if (jdoc_load(&d, path, &e) != 0)
		return -1;
	sv = jdoc_get(d.root, "survey");
	id = jdoc_get(sv, "id");
	snprintf(out, size, "%s", id != NULL && id->type == JSTR &&
	    jdoc_is_ident(id->str) ? id->str : PATHS_DEFAULT_SURVEY);
	jdoc_release(&d);
	return 0;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
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

/* Whether a file not named .json holds JSON all the same (see
 * answers_is_json).  Standard input cannot be looked at twice: it goes to
 * the answers reader, which tells JSON from CSV itself. */
static int
holds_json(const char *path)
{
	char head[512];
	ssize_t n;
	struct err ignored;
	int fd;

	if (strcmp(path, "-") == 0 ||
	    (fd = fsx_open_input(path, &ignored)) < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n > 0 && answers_is_json(head, (size_t)n);
}

static int
check_file(const char *path, const char *survey_arg, struct err *e)
{
	char fmt[64], sid[80];

	if (ends_with(path, ".lua"))
		return check_rules(path, survey_arg ? survey_arg :
		    rules_survey(path, sid, sizeof(sid)), e);
	if (!ends_with(path, ".json") && !holds_json(path))
		return check_answers(path, survey_arg ? survey_arg :
		    PATHS_DEFAULT_SURVEY, e);
	if (json_format(path, fmt, sizeof(fmt), e) != 0)
		return -1;
	/* by kind, so a newer version of a format gets the loader's message */
	if (strncmp(fmt, "assess-survey/", 14) == 0)
		return check_survey(path, e);
	if (strncmp(fmt, "assess-target/", 14) == 0)
		return check_target(path, survey_arg, e);
	if (strncmp(fmt, "assess-answers/", 15) == 0) {
		if (survey_arg == NULL && json_survey_id(path, sid,
		    sizeof(sid)) == 0)
			survey_arg = sid;
		return check_answers(path, survey_arg ? survey_arg :
		    PATHS_DEFAULT_SURVEY, e);
	}
	return err_set(e, AS_EINPUT, path, 0, 0, "not a file assess checks: "
	    "its \"format\" should be %s, %s or assess-answers/1",
	    SURVEY_FORMAT, TARGET_FORMAT);
}

int
cmd_check(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey = NULL;
	int c, i, status = AS_EXIT_OK, st;

	while ((c = getopt_long(argc, argv, ":s:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': survey = optarg; break;
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
