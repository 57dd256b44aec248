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

/* The inputs: each result file is one result; all answers files are
 * scored together into one more. */
struct inputs {
	struct result	*res;		/* [0]: the scored answers */
	const char	**names;
	size_t		 n;
	int		 answers;	/* answers files were given */
};

static int
add_result(struct inputs *in, struct jdoc *d, const char *path,
    const struct engine *en, struct err *e)
{
	struct result *r = &in->res[in->n];

	result_init(r);
	in->names[in->n++] = path;
	if (resultin_doc(d, r, e) != 0)
		return -1;
	if (en != NULL && engine_survey(en) != NULL &&
	    strcmp(r->survey_id, engine_survey(en)->id) != 0)
		return err_set(e, AS_EINPUT, path, 0, 0, "is a result for "
		    "survey '%s', not '%s'", r->survey_id,
		    engine_survey(en)->id);
	return 0;
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
			in->answers = 1;
		engine_close_input(ei);
	}
	return rc;
}

static int check_target(struct engine *en, const struct result **list,
    const char **names, size_t n, struct err *e);

static int
run(const struct opts *o, struct inputs *in, struct comparison *c,
    struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	const struct result **list = NULL;
	const char **names = NULL;
	size_t i, k = 0;
	int rc = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = o->survey;
	eo.target = o->target;
	if ((en = engine_new(&eo, e)) == NULL)
		return -1;
	result_init(&in->res[0]);
	in->n = 1;
	in->names[0] = "the answers";
	if (read_inputs(o, en, in, e) != 0)
		goto out;
	if (in->answers && engine_score(en, &in->res[0], e) != 0)
		goto out;
	if ((list = calloc(in->n, sizeof(*list))) == NULL ||
	    (names = calloc(in->n, sizeof(*names))) == NULL) {
		err_nomem(e);
		goto out;
	}
	for (i = in->answers ? 0 : 1; i < in->n; i++) {
		list[k] = &in->res[i];
		names[k++] = in->names[i];
	}
	rc = check_target(en, list, names, k, e) != 0 ? -1 :
	    compare_build(c, list, names, k, e);
out:
	free(list);
	free(names);
	engine_free(en);
	return rc;
}

/* Results read back must have been scored against the target given. */
static int
check_target(struct engine *en, const struct result **list,
    const char **names, size_t n, struct err *e)
{
	const struct target *t;
	size_t i;

	if (n == 0)
		return 0;
	if (engine_ensure(en, list[0]->survey_id, e) != 0)
		return -1;
	t = engine_target(en);
	for (i = 0; i < n; i++) {
		if (!list[i]->has_target)
			return err_set(e, AS_EINPUT, names[i], 0, 0, "was scored "
			    "without a target profile; score it again with -t "
			    "%s", t->id);
		if (strcmp(list[i]->target_id, t->id) != 0)
			return err_set(e, AS_EINPUT, names[i], 0, 0, "was scored "
			    "against target '%s', not '%s'; score it again with "
			    "-t %s", list[i]->target_id, t->id, t->id);
	}
	return 0;
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
	size_t i;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("compare") : rc;
	if ((j.fmt = output_format("compare", o.format, o.output)) == NULL)
		return AS_EXIT_USAGE;
	if (output_check(o.output, o.inputs, o.ninputs, "an input file",
	    &e) != 0)
		return cli_fail(&e);
	memset(&in, 0, sizeof(in));
	memset(&j.c, 0, sizeof(j.c));
	j.report = o.report;
	if ((in.res = calloc((size_t)o.ninputs + 1, sizeof(*in.res))) ==
	    NULL || (in.names = calloc((size_t)o.ninputs + 1,
	    sizeof(*in.names))) == NULL) {
		err_nomem(&e);
		rc = cli_fail(&e);
	} else if (run(&o, &in, &j.c, &e) != 0 ||
	    output_emit(o.output, write_report, &j, &e) != 0) {
		rc = cli_fail(&e);
	}
	compare_release(&j.c);
	for (i = 0; in.res != NULL && i < in.n; i++)
		result_release(&in.res[i]);
	free(in.res);
	free(in.names);
	return rc;
}
