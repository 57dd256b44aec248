/*
 * cmd_import.c - `assess import`: a survey tool's export in, answers out
 * (assess-answers/1 JSON, or the answers CSV with -f csv).
 *
 * Every export is read whole before anything is written: to -o's
 * temporary file, renamed into place only when all went well, or to
 * standard output at the end.  With --init-map the mapping the importer
 * made of the first export's columns is written instead, for review.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "fsx.h"
#include "impfile.h"
#include "impmap.h"
#include "import.h"
#include "impwrite.h"
#include "paths.h"
#include "survey.h"

struct opts {
	const char	*survey, *map, *init_map, *format, *output, *from;
	struct import_opts io;
	char		**files;
	int		 nfiles;
};

struct out {
	const struct survey *s;
	const struct opts *o;
	struct buf	 b;
	struct fsx_out	 f;
	int		 to_file, csv;
	long		 n;
	struct err	*e;
};

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "survey", required_argument, NULL, 's' },
		{ "map", required_argument, NULL, 'm' },
		{ "init-map", required_argument, NULL, 'I' },
		{ "strict", no_argument, NULL, 'S' },
		{ "organisation-column", required_argument, NULL, 'O' },
		{ "role-column", required_argument, NULL, 'R' },
		{ "organisation", required_argument, NULL, 'g' },
		{ "role", required_argument, NULL, 'r' },
		{ "partial", no_argument, NULL, 'P' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->survey = PATHS_DEFAULT_SURVEY;
	o->from = "auto";
	o->io.jobs = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	while ((c = getopt_long(argc, argv, ":s:m:j:f:o:h", longs, NULL))
	    != -1) {
		switch (c) {
		case 'F': o->from = optarg; break;
		case 's': o->survey = optarg; break;
		case 'm': o->map = optarg; break;
		case 'I': o->init_map = optarg; break;	/* '-': stdout */
		case 'S': o->io.strict = 1; break;
		case 'O': o->io.org_column = optarg; break;
		case 'R': o->io.role_column = optarg; break;
		case 'g': o->io.organisation = optarg; break;
		case 'r': o->io.role = optarg; break;
		case 'P': o->io.partial = 1; break;
		case 'k': o->io.keep_going = 1; break;
		case 'j':
			if (cli_jobs("import", optarg, &o->io.jobs) != 0)
				return AS_EXIT_USAGE;
			break;
		case 'f': o->format = optarg; break;
		case 'o':
			o->output = strcmp(optarg, "-") == 0 ||
			    strcmp(optarg, "/dev/stdout") == 0 ? NULL : optarg;
			break;
		case 'h': return -1;
		default: return cli_bad_option("import", argv, c);
		}
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	return 0;
}

static int
check_args(struct opts *o)
{
	int i;

	if (o->nfiles == 0)
		return cli_usage_error("import", "give the export to import (a "
		    "CSV file)");
	if (strcmp(o->from, "auto") != 0 &&
	    (o->io.tool = import_find_tool(o->from)) == NULL)
		return cli_usage_error("import", "--from '%s' is not a tool; "
		    "expected auto or one of %s", o->from, import_tool_names());
	if (o->format != NULL && strcmp(o->format, "json") != 0 &&
	    strcmp(o->format, "csv") != 0)
		return cli_usage_error("import", "unknown format '%s'; expected "
		    "json or csv", o->format);
	if (o->init_map != NULL && o->nfiles > 1)
		return cli_usage_error("import", "--init-map maps one export; "
		    "give one");
	if (o->init_map != NULL && o->map != NULL)
		return cli_usage_error("import", "give -m or --init-map, not "
		    "both");
	for (i = 0; o->output != NULL && i < o->nfiles; i++)
		if (fsx_same_file(o->output, o->files[i]))
			return cli_usage_error("import", "'%s' is also an export; "
			    "the output would overwrite it", o->output);
	if (o->init_map != NULL)
		o->io.plan_only = 1;
	return 0;
}

static int
to_file(void *ctx, const char *p, size_t n)
{
	struct out *w = ctx;

	return fsx_out_write(&w->f, p, n, w->e);
}

static int
sink(void *ctx, const struct import_resp *ir, struct err *e)
{
	struct out *w = ctx;

	impwrite_response(&w->b, w->s, ir, w->csv, w->n++);
	return buf_ok(&w->b, e);
}

static void
bad(void *ctx, const struct err *e)
{
	(void)ctx;
	err_print(e, stderr);
}

/* ==== running ==== */

static void
warnings(const struct import *im)
{
	const char *const *w = import_warnings(im);

	for (; w != NULL && *w != NULL; w++) {
		fputs("assess: ", stderr);
		err_print_text(stderr, *w);
		fputc('\n', stderr);
	}
}

static void
summary(const struct opts *o, const char *file, const struct import *im)
{
	struct import_stats st;

	warnings(im);
	if (o->io.tool == NULL) {
		fputs("assess: ", stderr);
		err_print_text(stderr, file);
		fprintf(stderr, ": read as an export of %s (--from %s)\n",
		    import_tool(im)->title, import_tool(im)->name);
	}
	import_stats(im, &st);
	if (o->init_map != NULL)
		return;
	fputs("assess: ", stderr);
	err_print_text(stderr, file);
	fprintf(stderr, ": %ld %s imported", st.responses, st.responses == 1 ?
	    "response" : "responses");
	if (st.partial > 0)
		fprintf(stderr, "; %ld incomplete left out (--partial keeps "
		    "them)", st.partial);
	if (st.rejected > 0)
		fprintf(stderr, "; %ld rejected or preview left out",
		    st.rejected);
	if (st.excluded > 0)
		fprintf(stderr, "; %ld with errors left out (--keep-going)",
		    st.excluded);
	fputc('\n', stderr);
}

static int
import_one(const struct opts *o, const struct survey *s, const char *file,
    struct out *w, struct err *e)
{
	struct import *im;
	size_t n;
	int rc = -1;

	if ((im = import_new(s, &o->io, file, sink, bad, w, e)) == NULL)
		return -1;
	if (impfile_read(file, im, e) != 0) {
		warnings(im);	/* a column left out may be why */
		goto out;
	}
	summary(o, file, im);
	if (o->init_map != NULL) {
		const struct import_col *cols = import_columns(im, &n);

		impmap_write(&w->b, s, import_tool(im)->name, cols, n);
	}
	rc = buf_ok(&w->b, e);
out:
	import_free(im);
	return rc;
}

static int
open_out(struct out *w, const char *path, struct err *e)
{
	if (path == NULL)
		return 0;
	if (fsx_out_open(&w->f, path, e) != 0)
		return -1;
	w->to_file = 1;
	buf_stream(&w->b, to_file, w);
	return 0;
}

static int
finish(struct out *w, struct err *e)
{
	if (w->o->init_map == NULL)
		impwrite_end(&w->b, w->csv);
	if (w->to_file)
		return buf_flush(&w->b) != 0 ? -1 : fsx_out_commit(&w->f, e);
	if (buf_ok(&w->b, e) != 0)
		return -1;
	if (fwrite(w->b.data, 1, w->b.len, stdout) != w->b.len)
		return err_set(e, AS_ESYS, NULL, 0, 0, "error writing to "
		    "standard output");
	return 0;
}

static int
run(struct opts *o, struct survey *s, struct err *e)
{
	const char *dest = o->init_map ? o->init_map : o->output;

	if (dest != NULL && strcmp(dest, "-") == 0)
		dest = NULL;
	struct out w;
	int i;

	memset(&w, 0, sizeof(w));
	buf_init(&w.b);
	w.s = s;
	w.o = o;
	w.e = e;
	w.csv = o->format != NULL && strcmp(o->format, "csv") == 0;
	if (open_out(&w, dest, e) != 0)
		goto fail;
	if (o->init_map == NULL)
		impwrite_begin(&w.b, s, w.csv);
	for (i = 0; i < o->nfiles; i++)
		if (import_one(o, s, o->files[i], &w, e) != 0)
			goto fail;
	if (finish(&w, e) != 0)
		goto fail;
	buf_release(&w.b);
	return 0;
fail:
	if (w.to_file)
		fsx_out_abort(&w.f);
	buf_release(&w.b);
	return -1;
}

int
cmd_import(int argc, char **argv)
{
	struct err e = { 0 };
	struct survey *s = NULL;
	struct impmap *map = NULL;
	char *spath = NULL;
	struct opts o;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("import") : rc;
	if ((rc = check_args(&o)) != 0)
		return rc;
	rc = AS_EXIT_OK;
	if ((o.output != NULL && fsx_check_output(o.output, &e) != 0) ||
	    (o.init_map != NULL && strcmp(o.init_map, "-") != 0 &&
	    fsx_check_output(o.init_map, &e) != 0) ||
	    (spath = paths_survey(o.survey, &e)) == NULL ||
	    (s = survey_load(spath, &e)) == NULL ||
	    (o.map != NULL && (map = impmap_load(o.map, s, &e)) == NULL))
		goto fail;
	o.io.map = map;
	if (run(&o, s, &e) != 0)
		goto fail;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	impmap_free(map);
	survey_free(s);
	free(spath);
	return rc;
}
