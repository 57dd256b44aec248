/*
 * cmd_trend.c - `assess trend`: results of the same organisations at
 * different dates, oldest first, and what moved.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "report.h"
#include "resultin.h"
#include "trend.h"

struct opts {
	const char	*format, *output;
	char		**inputs;
	int		 ninputs;
};

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, ":f:o:h", longs, NULL)) != -1) {
		switch (c) {
		case 'f': o->format = optarg; break;
		case 'o': o->output = output_arg(optarg); break;
		case 'h': return -1;
		default: return cli_bad_option("trend", argv, c);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	if (o->ninputs < 2)
		return cli_usage_error("trend", "give two or more result files "
		    "(assess score -f json), from different dates");
	return 0;
}

struct job {
	const struct report_format *fmt;
	struct trend	 t;
};

static int
write_report(void *ctx, struct buf *out, struct err *e)
{
	struct job *j = ctx;

	return j->fmt->trend(&j->t, out, e);
}

static int
run(const struct opts *o, struct result *res, struct job *j, struct err *e)
{
	const struct result **list;
	int i, rc = -1;

	if ((list = calloc((size_t)o->ninputs, sizeof(*list))) == NULL)
		return err_nomem(e);
	for (i = 0; i < o->ninputs; i++) {
		list[i] = &res[i];
		if (resultin_load(o->inputs[i], &res[i], e) != 0)
			goto out;
	}
	if (trend_build(&j->t, list, (const char *const *)o->inputs,
	    (size_t)o->ninputs, e) == 0 &&
	    output_emit(o->output, write_report, j, e) == 0)
		rc = 0;
out:
	free(list);
	return rc;
}

int
cmd_trend(int argc, char **argv)
{
	struct result *res;
	struct err e = { 0 };
	struct opts o;
	struct job j;
	int i, rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("trend") : rc;
	if ((j.fmt = output_format("trend", o.format, o.output)) == NULL)
		return AS_EXIT_USAGE;
	if (output_check(o.output, o.inputs, o.ninputs, "an input file",
	    &e) != 0)
		return cli_fail(&e);
	memset(&j.t, 0, sizeof(j.t));
	if ((res = calloc((size_t)o.ninputs, sizeof(*res))) == NULL) {
		err_nomem(&e);
		return cli_fail(&e);
	}
	for (i = 0; i < o.ninputs; i++)
		result_init(&res[i]);
	rc = run(&o, res, &j, &e) != 0 ? cli_fail(&e) : AS_EXIT_OK;
	trend_release(&j.t);
	for (i = 0; i < o.ninputs; i++)
		result_release(&res[i]);
	free(res);
	return rc;
}
