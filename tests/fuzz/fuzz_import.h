/*
 * fuzz_import.h - the body of the importer harnesses, one per survey tool
 * (fuzz_import_TOOL.c defines FUZZ_IMPORT_TOOL and includes this).
 *
 * bytes -> export.csv -> impfile_read() through the tool's importer, as
 * 'assess import --from TOOL' runs it, against the import test survey
 * (tests/data/import/survey.json: labels holding commas, an Other
 * option, a not-applicable option, three audiences).  The input's length
 * picks --keep-going, --partial and -j (reading ahead on a second thread
 * or not), so every path is reached.
 *
 * The oracle: whatever the importer delivers is written by impwrite as
 * assess-answers/1 JSON and as the answers CSV, and both files must be
 * read back by the answers readers (source_read_file() into agg_add(),
 * as 'assess score' reads them) giving the same number of responses.
 * An input the importer refuses must be refused with a line inside it.
 */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "buf.h"
#include "fsx.h"
#include "fuzz.h"
#include "impfile.h"
#include "import.h"
#include "impwrite.h"
#include "source.h"
#include "survey.h"

static struct survey *s;

int
LLVMFuzzerInitialize(int *argc, char **argv[])
{
	struct err e;

	(void)argc;
	(void)argv;
	(void)fz_tmpdir();
	if ((s = survey_load(fz_src("tests/data/import/survey.json"), &e)) ==
	    NULL)
		fz_setup_fail("tests/data/import/survey.json", e.msg);
	return 0;
}

struct written {
	struct buf	 json, csv;
	long		 n;
};

static int
write_both(void *ctx, const struct import_resp *ir, struct err *e)
{
	struct written *w = ctx;

	impwrite_response(&w->json, s, ir, 0, w->n);
	impwrite_response(&w->csv, s, ir, 1, w->n);
	w->n++;
	return buf_ok(&w->json, e) == 0 ? buf_ok(&w->csv, e) : -1;
}

static void
left_out(void *ctx, const struct err *e)
{
	(void)ctx;
	fz_check(e->msg[0] != '\0', "a response left out without a reason");
}

static int
to_agg(void *ctx, const struct response *r, struct err *e)
{
	return agg_add(ctx, r, e);
}

/* The answers file 'name' holding 'b' must give 'n' responses. */
static void
read_back(const char *name, const struct buf *b, long n)
{
	const char *path = fz_write(name, (const uint8_t *)b->data, b->len);
	struct agg *a;
	struct err e;
	long got;

	memset(&e, 0, sizeof(e));
	if ((a = agg_new(s, &e)) == NULL)
		fz_fail("agg_new: %s", e.msg);
	got = source_read_file(path, s, to_agg, a, &e);
	if (got < 0)
		fz_fail("the answers reader refused what the %s importer "
		    "wrote (%s): line %u col %u: %s", FUZZ_IMPORT_TOOL, name,
		    e.line, e.col, e.msg);
	fz_check(got == n, "%s: %ld responses written, %ld read back", name,
	    n, got);
	agg_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_write("export.csv", data, size);
	struct import_opts o;
	struct import_stats st;
	struct written w;
	struct import *im;
	struct err e;

	memset(&o, 0, sizeof(o));
	memset(&e, 0, sizeof(e));
	memset(&w, 0, sizeof(w));
	buf_init(&w.json);
	buf_init(&w.csv);
	o.tool = import_find_tool(FUZZ_IMPORT_TOOL);
	o.keep_going = size & 1;
	o.partial = (size >> 1) & 1;
	o.jobs = (size >> 2) & 1 ? 2 : 1;	/* read ahead, or not */
	impwrite_begin(&w.json, s, 0);
	impwrite_begin(&w.csv, s, 1);
	if ((im = import_new(s, &o, path, write_both, left_out, &w, &e)) ==
	    NULL)
		fz_fail("import_new: %s", e.msg);
	if (impfile_read(path, im, &e) == 0) {
		import_stats(im, &st);
		fz_check(st.responses == w.n && w.n > 0, "%ld responses "
		    "counted, %ld delivered", st.responses, w.n);
		impwrite_end(&w.json, 0);
		impwrite_end(&w.csv, 1);
		read_back("answers.json", &w.json, w.n);
		read_back("answers.csv", &w.csv, w.n);
	} else {
		fz_check(e.msg[0] != '\0', "an import failed without a reason");
		if (e.code == AS_EINPUT)
			fz_check_position(&e, data, size);
	}
	import_free(im);
	buf_release(&w.json);
	buf_release(&w.csv);
	return 0;
}
