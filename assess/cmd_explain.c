/*
 * cmd_explain.c - `assess explain`: how each level and score came about.
 * The engine scores the answers as `score` does, with the rules tracing
 * every dimension; the explain model picks the organisation and
 * dimension asked for; a writer shows the trace.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "engine.h"
#include "explain.h"
#include "output.h"
#include "report.h"

struct opts {
	const char	*survey, *target, *rules, *format, *output;
	const char	*organisation, *dimension;
	char		**inputs;
	int		 ninputs;
};

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 't' },
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "organisation", required_argument, NULL, 'O' },
		{ "dimension", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, ":s:t:r:f:o:h", longs, NULL)) !=
	    -1) {
		switch (c) {
		case 's': o->survey = optarg; break;
		case 't': o->target = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o': o->output = output_arg(optarg); break;
		case 'O': o->organisation = optarg; break;
		case 'D': o->dimension = optarg; break;
		case 'h': return -1;
		default: return cli_bad_option("explain", argv, c);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	if (o->ninputs == 0)
		return cli_usage_error("explain", "give at least one answers "
		    "file (CSV or JSON)");
	return 0;
}

struct job {
	const struct report_format *fmt;
	struct explain		 x;
};

static int
write_report(void *ctx, struct buf *out, struct err *e)
{
	struct job *j = ctx;

	return j->fmt->explain(&j->x, out, e);
}

static int
run(const struct opts *o, struct result *res, struct job *j, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	int i, rc = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = o->survey;
	eo.target = o->target;
	eo.rules = o->rules;
	eo.explain = 1;
	eo.note = cli_note;
	eo.log = cli_log;
	if ((en = engine_new(&eo, e)) == NULL)
		return -1;
	for (i = 0; i < o->ninputs; i++)
		if (engine_add(en, o->inputs[i], e) < 0)
			goto out;
	if (engine_score(en, res, e) == 0 && explain_select(&j->x, res,
	    o->organisation, o->dimension, e) == 0)
		rc = output_emit(o->output, write_report, j, e);
out:
	engine_free(en);
	return rc;
}

int
cmd_explain(int argc, char **argv)
{
	struct err e = { 0 };
	struct result res;
	struct opts o;
	struct job j;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("explain") : rc;
	if ((j.fmt = output_format("explain", o.format, o.output)) == NULL)
		return AS_EXIT_USAGE;
	if (output_check(o.output, o.inputs, o.ninputs, "an answers file",
	    &e) != 0)
		return cli_fail(&e);
	result_init(&res);
	rc = run(&o, &res, &j, &e) != 0 ? cli_fail(&e) : 0;
	result_release(&res);
	return rc;
}
