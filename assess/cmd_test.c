/*
 * cmd_test.c - `assess test`: run rule fixtures and print what differs.
 *
 * Every fixture is read before any is run, and the report is printed
 * only when all of them ran: a bad fixture or a failing rule gives one
 * error line and no partial report.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "fixture.h"
#include "paths.h"

struct run {
	struct buf	 out;		/* the report, printed at the end */
	size_t		 passed, failed;
};

static void
diff_line(void *ctx, const struct fixture *f, const struct fx_expect *x,
    const char *msg)
{
	struct run *r = ctx;

	buf_printf(&r->out, "%s:%u:%u: %s\n", f->path, x->at->line,
	    x->at->col, msg);
}

/* Run one fixture and add its differences and its verdict. */
static int
run_one(struct run *r, struct fixture *f, const struct engine_opts *eo,
    struct err *e)
{
	struct result res;
	size_t n;
	int rc = -1;

	result_init(&res);
	if (fixture_run(f, eo, &res, e) != 0)
		goto out;
	n = fixture_compare(f, &res, &res.orgs[0], diff_line, r);
	if (n == 0) {
		r->passed++;
		buf_printf(&r->out, "%s: ok: %zu %s met\n", f->path, f->nex,
		    f->nex == 1 ? "expectation" : "expectations");
	} else {
		r->failed++;
		buf_printf(&r->out, "%s: FAILED: %zu of %zu %s not met\n",
		    f->path, n, f->nex, f->nex == 1 ? "expectation" :
		    "expectations");
	}
	rc = 0;
out:
	result_release(&res);
	return rc;
}

/* Every fixture file the arguments name, read. */
static int
load_all(char **args, int n, struct fixture **out, size_t *nout,
    struct err *e)
{
	struct paths_names files;
	struct fixture *v;
	size_t j;
	int i, bad;

	for (i = 0; i < n; i++) {
		if (fixture_files(args[i], &files, e) != 0)
			return -1;
		if (files.n == 0) {
			paths_names_release(&files);
			return err_set(e, AS_EINPUT, args[i], 0, 0, "holds no "
			    "fixtures (*.json files)");
		}
		if ((v = realloc(*out, (*nout + files.n) * sizeof(*v))) ==
		    NULL) {
			paths_names_release(&files);
			return err_nomem(e);
		}
		*out = v;
		for (j = 0; j < files.n; j++, (*nout)++)
			if (fixture_load(&v[*nout], files.v[j], NULL, e) != 0)
				break;
		bad = j < files.n;
		paths_names_release(&files);
		if (bad)
			return -1;
	}
	return 0;
}

/* The report, each line with control characters made visible. */
static void
print_report(const struct buf *b)
{
	const char *p = buf_str(b), *nl;
	char line[4096];
	size_t n;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		n = (size_t)(nl - p) < sizeof(line) ? (size_t)(nl - p) :
		    sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		err_print_text(stdout, line);
		fputc('\n', stdout);
	}
}

static int
run_all(const char *rules, const char *survey, char **args, int nargs)
{
	struct engine_opts eo;
	struct fixture *fx = NULL;
	struct run r;
	struct err e = { 0 };
	size_t i, n = 0;
	int rc = -1;

	memset(&eo, 0, sizeof(eo));
	memset(&r, 0, sizeof(r));
	buf_init(&r.out);
	eo.survey = survey;
	eo.rules = rules;
	if (load_all(args, nargs, &fx, &n, &e) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if (run_one(&r, &fx[i], &eo, &e) != 0)
			goto out;
	buf_printf(&r.out, "%zu %s: %zu passed, %zu failed\n", n, n == 1 ?
	    "fixture" : "fixtures", r.passed, r.failed);
	if (buf_ok(&r.out, &e) != 0)
		goto out;
	print_report(&r.out);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		fixture_release(&fx[i]);
	free(fx);
	buf_release(&r.out);
	if (rc != 0)
		return cli_fail(&e);
	return r.failed > 0 ? AS_EXIT_INPUT : AS_EXIT_OK;
}

int
cmd_test(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey = NULL;
	int c;

	while ((c = getopt_long(argc, argv, ":s:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': survey = optarg; break;
		case 'h': return cli_help("test");
		default: return cli_bad_option("test", argv, c);
		}
	}
	if (argc - optind < 2)
		return cli_usage_error("test", "give a rule script and at "
		    "least one fixture");
	return run_all(argv[optind], survey, argv + optind + 1,
	    argc - optind - 1);
}
