/*
 * cmd_compare.c - `assess compare`: many organisations against one
 * target profile.  Raw answers are scored by the engine; result files
 * (assess-result/1, as agencies share them) are read back as they are.
 * Both may be mixed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "engine.h"
#include "jdoc.h"
#include "output.h"
#include "report.h"
#include "resultin.h"

struct opts {
	const char	*survey, *target, *format, *output;
	int		 report;	/* REPORT_FULL or REPORT_SUMMARY */
	char		**inputs;
	int		 ninputs;
};

/* --report: a comparison has a full report and a summary; a business
 * case argues for one organisation, so it is refused with the reason. */
static int
report_arg(struct opts *o, const char *name)
{
	o->report = report_kind(name);
	if (o->report == REPORT_BCASE)
		return cli_usage_error("compare", "--report business-case is "
		    "written for one organisation; give compare full or "
		    "summary, or run assess score --report business-case "
		    "--organisation NAME");
	if (o->report < 0)
		return cli_usage_error("compare", "--report is one of full, "
		    "summary, not '%s'", name);
	return 0;
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "report", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, ":s:t:f:o:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': o->survey = optarg; break;
		case 't': o->target = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o': o->output = output_arg(optarg); break;
		case 'W':
			if (report_arg(o, optarg) != 0)
				return AS_EXIT_USAGE;
			break;
		case 'h': return -1;
		default: return cli_bad_option("compare", argv, c);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	if (o->target == NULL)
		return cli_usage_error("compare", "give the target profile to "
		    "compare with (-t TARGET)");
	if (o->ninputs == 0)
		return cli_usage_error("compare", "give answers or result files "
		    "to compare");
	return 0;
}

/* The inputs, folded into the comparison as they are read: the first
 * result file is kept whole (the comparison's reference); each later one
 * is read, stored and released at once, so memory grows with the
 * organisations, not with the files.  All answers files are scored
 * together, at the end, into one more result. */
struct inputs {
	struct comparison *c;
	struct result	 first, next, answers;
	int		 have_first;
	int		 answers_given;
};

/* A result read back must be of the engine's survey (the first result
 * decides it when no answers came before and -s did not) and scored
 * against the target given. */
static int
check_result(struct engine *en, const struct result *r, const char *path,
    struct err *e)
{
	if (engine_survey(en) != NULL &&
	    strcmp(r->survey_id, engine_survey(en)->id) != 0)
		return err_set(e, AS_EINPUT, path, 0, 0, "is a result for "
		    "survey '%s', not '%s'", r->survey_id,
		    engine_survey(en)->id);
	if (engine_ensure(en, r->survey_id, e) != 0)
		return -1;
	return compare_check_target(r, engine_target(en)->id, path, e);
}

static int
add_result(struct inputs *in, struct jdoc *d, const char *path,
    struct engine *en, struct err *e)
{
	struct result *r = in->have_first ? &in->next : &in->first;
	int rc;

	result_init(r);
	rc = resultin_doc(d, r, e) != 0 || check_result(en, r, path, e) != 0 ||
	    compare_store(in->c, r, path, e) != 0 ? -1 : 0;
	if (in->have_first)
		result_release(r);
	in->have_first = 1;
	return rc;
}

static int
read_inputs(const struct opts *o, struct engine *en, struct inputs *in,
    struct err *e)
{
	struct engine_input *ei;
	const struct jdoc *d;
	int i, rc = 0;

	for (i = 0; i < o->ninputs && rc == 0; i++) {
		if ((ei = engine_open_input(o->inputs[i], e)) == NULL)
			return -1;
		d = engine_input_is_json(ei) ? engine_input_json(ei, e) : NULL;
		if (engine_input_is_json(ei) && d == NULL)
			rc = -1;
		else if (d != NULL && resultin_is_result(d))
			rc = add_result(in, (struct jdoc *)d, o->inputs[i], en, e);
		else if (engine_read_input(en, ei, e) < 0)
			rc = -1;
		else
			in->answers_given = 1;
		engine_close_input(ei);
	}
	return rc;
}

static int
run(const struct opts *o, struct inputs *in, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	int rc = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = o->survey;
	eo.target = o->target;
	eo.note = cli_note;
	eo.log = cli_log;
	if ((en = engine_new(&eo, e)) == NULL)
		return -1;
	if (read_inputs(o, en, in, e) != 0)
		goto out;
	if (in->answers_given && (engine_score(en, &in->answers, e) != 0 ||
	    compare_store(in->c, &in->answers, "the answers", e) != 0))
		goto out;
	rc = compare_finish(in->c, e);
out:
	engine_free(en);
	return rc;
}

struct job {
	const struct report_format *fmt;
	int			 report;
	struct comparison	 c;
};

static int
write_report(void *ctx, struct buf *out, struct err *e)
{
	struct job *j = ctx;

	return j->fmt->compare(&j->c, j->report, out, e);
}

int
cmd_compare(int argc, char **argv)
{
	struct err e = { 0 };
	struct inputs in;
	struct opts o;
	struct job j;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("compare") : rc;
	if ((j.fmt = output_format("compare", o.format, o.output)) == NULL)
		return AS_EXIT_USAGE;
	if (output_check(o.output, o.inputs, o.ninputs, "an input file",
	    &e) != 0)
		return cli_fail(&e);
	memset(&in, 0, sizeof(in));
	compare_init(&j.c);
	j.report = o.report;
	in.c = &j.c;
	result_init(&in.first);
	result_init(&in.answers);
	if (run(&o, &in, &e) != 0 ||
	    output_emit(o.output, write_report, &j, &e) != 0)
		rc = cli_fail(&e);
	compare_release(&j.c);
	result_release(&in.first);
	result_release(&in.answers);
	return rc;
}
