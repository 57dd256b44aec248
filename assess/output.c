/*
 * output.c - the report's destination and format, for every command.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fsx.h"
#include "output.h"

const char *
output_arg(const char *arg)
{
	return strcmp(arg, "-") == 0 || strcmp(arg, "/dev/stdout") == 0 ?
	    NULL : arg;
}

/* A format that has no writer for this command's report (html for
 * compare and trend) is refused rather than followed into NULL. */
static const struct report_format *
available(const char *cmd, const struct report_format *f)
{
	if (f != NULL && strcmp(cmd, "explain") == 0 && f->explain == NULL) {
		cli_usage_error(cmd, "format '%s' is not available for %s; use "
		    "md or json", f->name, cmd);
		return NULL;
	}
	if (f != NULL && ((strcmp(cmd, "compare") == 0 && f->compare ==
	    NULL) || (strcmp(cmd, "trend") == 0 && f->trend == NULL))) {
		cli_usage_error(cmd, "format '%s' is not available for %s; use "
		    "md, json or csv", f->name, cmd);
		return NULL;
	}
	return f;
}

const struct report_format *
output_format(const char *cmd, const char *format, const char *output)
{
	const struct report_format *f;
	const char *base, *dot;

	if (format != NULL) {
		if ((f = report_find(format)) == NULL)
			cli_usage_error(cmd, "unknown format '%s'; expected one "
			    "of %s", format, report_names());
		return available(cmd, f);
	}
	if (output != NULL) {
		base = fsx_basename(output);
		dot = strrchr(base, '.');
		if ((f = report_for_file(output)) != NULL)
			return available(cmd, f);
		if (dot != NULL && dot != base) {	/* out.xlsx */
			cli_usage_error(cmd, "cannot tell the format from the "
			    "name '%s'; give -f with one of %s", output,
			    report_names());
			return NULL;
		}
	}
	return report_find("md");
}

int
output_check(const char *output, char *const *inputs, int n,
    const char *what, struct err *e)
{
	int i;

	if (output == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (fsx_same_file(output, inputs[i]))
			return err_set(e, AS_EUSAGE, output, 0, 0, "is also %s; "
			    "the report would overwrite it", what);
	return fsx_check_output(output, e);
}

static int
to_stdout(void *ctx, const char *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n)
		return err_set(ctx, AS_ESYS, NULL, 0, 0, "error writing the "
		    "report to standard output");
	return 0;
}

struct file_sink {
	struct fsx_out	 out;
	struct err	*e;
};

static int
to_file(void *ctx, const char *p, size_t n)
{
	struct file_sink *f = ctx;

	return fsx_out_write(&f->out, p, n, f->e);
}

/* The report goes out in pieces as the writer produces it: to standard
 * output, or to -o's temporary file, renamed into place only once the
 * whole report is on disk. */
int
output_emit(const char *output, output_writer write, void *ctx,
    struct err *e)
{
	struct file_sink fs;
	struct buf out;
	int rc = -1;

	buf_init(&out);
	if (output == NULL) {
		buf_stream(&out, to_stdout, e);
		rc = write(ctx, &out, e) != 0 || buf_flush(&out) != 0 ? -1 : 0;
		buf_release(&out);
		return rc;
	}
	fs.e = e;
	if (fsx_out_open(&fs.out, output, e) != 0)
		return -1;
	buf_stream(&out, to_file, &fs);
	if (write(ctx, &out, e) != 0 || buf_flush(&out) != 0)
		fsx_out_abort(&fs.out);
	else
		rc = fsx_out_commit(&fs.out, e);
	buf_release(&out);
	return rc;
}
