/*
 * impfile.c - export files into the importer: libcsv in strict mode, fed
 * one physical line at a time so every record knows its line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "answers.h"
#include "buf.h"
#include "fsx.h"
#include "impfile.h"

#define CHUNK	((size_t)1 << 16)

struct rd {
	struct import		*im;
	const char		*path;
	struct err		*e;
	struct csv_parser	 p;
	struct buf		 fields;
	size_t			*off, *len, nf, cap;
	const char		**ptr;
	unsigned		 line, fline;
	int			 failed;
};

static void *
capped_realloc(void *p, size_t n)
{
	return n > ANSWERS_FIELD_MAX + 8192 ? NULL : realloc(p, n);
}

static unsigned
breaks(const char *f, size_t n)
{
	unsigned k = 0;
	size_t j;

	for (j = 0; j < n; j++)
		k += f[j] == '\n' || (f[j] == '\r' && (j + 1 == n ||
		    f[j + 1] != '\n'));
	return k;
}

static int
grow(struct rd *r)
{
	size_t cap = r->cap ? r->cap * 2 : 64;
	size_t *o = realloc(r->off, cap * sizeof(*o));
	size_t *l = o ? realloc(r->len, cap * sizeof(*l)) : NULL;
	const char **p = l ? realloc(r->ptr, cap * sizeof(*p)) : NULL;

	if (o != NULL)
		r->off = o;
	if (l != NULL)
		r->len = l;
	if (p == NULL)
		return err_nomem(r->e);
	r->ptr = p;
	r->cap = cap;
	return 0;
}

static void
on_field(void *data, size_t n, void *vr)
{
	struct rd *r = vr;

	if (r->failed)
		return;
	if (data == NULL)
		n = 0;
	if (r->nf == 0)
		r->fline = r->line - (n ? breaks(data, n) : 0);
	if (r->nf >= IMPORT_MAX_COLUMNS + 1 || (r->nf == r->cap &&
	    grow(r) != 0)) {
		if (r->nf >= IMPORT_MAX_COLUMNS + 1)
			err_set(r->e, AS_EINPUT, r->path, r->line, 0, "more "
			    "than %d fields in a row", IMPORT_MAX_COLUMNS);
		r->failed = 1;
		return;
	}
	if (n > 0 && memchr(data, '\0', n) != NULL) {
		err_set(r->e, AS_EINPUT, r->path, r->line, (unsigned)r->nf + 1,
		    "NUL byte in a field; is this really a CSV file?");
		r->failed = 1;
		return;
	}
	r->off[r->nf] = r->fields.len;
	r->len[r->nf++] = n;
	buf_add(&r->fields, n ? data : "", n);
	buf_putc(&r->fields, '\0');
	if (r->fields.failed) {
		r->failed = 1;
		err_nomem(r->e);
	}
}

static void
on_record(int c, void *vr)
{
	struct rd *r = vr;
	size_t i;

	(void)c;
	if (!r->failed) {
		for (i = 0; i < r->nf; i++)
			r->ptr[i] = r->fields.data + r->off[i];
		if (import_row(r->im, r->ptr, r->len, r->nf, r->fline, r->e)
		    != 0)
			r->failed = 1;
	}
	r->nf = 0;
	buf_reset(&r->fields);
}

static int
csv_failure(struct rd *r, int at_end)
{
	int status = csv_error(&r->p);

	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		return err_set(r->e, AS_EINPUT, r->path, r->line, 0, "a field "
		    "is longer than %zu MiB (an unclosed quote?)",
		    ANSWERS_FIELD_MAX >> 20);
	if (at_end)
		return err_set(r->e, AS_EINPUT, r->path, r->nf ? r->fline :
		    r->line, 0, "a quoted field is never closed; is the file "
		    "cut short?");
	return err_set(r->e, AS_EINPUT, r->path, r->line, 0, "malformed "
	    "quoting: a quote inside an unquoted field, or text after a "
	    "closing quote");
}

static int
feed_chunk(struct rd *r, const char *p, size_t n, int *cr)
{
	size_t pos = 0;

	if (*cr && n > 0) {
		*cr = 0;
		if (p[0] != '\n')
			r->line++;
	}
	while (pos < n) {
		size_t t = pos;

		while (t < n && p[t] != '\n' && p[t] != '\r')
			t++;
		if (csv_parse(&r->p, p + pos, (t < n ? t + 1 : n) - pos,
		    on_field, on_record, r) != (t < n ? t + 1 : n) - pos)
			return r->failed ? -1 : csv_failure(r, 0);
		if (r->failed)
			return -1;
		if (t < n) {
			if (p[t] == '\n')
				r->line++;
			else if (t + 1 == n)
				*cr = 1;
			else if (p[t + 1] != '\n')
				r->line++;
		}
		pos = t + 1;
	}
	return 0;
}

static int
not_csv(struct rd *r, const char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *msg;
	} kinds[] = {
		{ "PK\003\004", 4, "looks like a spreadsheet workbook (.xlsx "
		    "or .ods), not CSV; open it and save it as \"CSV UTF-8\"" },
		{ "\xD0\xCF\x11\xE0", 4, "looks like an old Excel workbook "
		    "(.xls); save it as \"CSV UTF-8\"" },
		{ "\xFF\xFE", 2, "is UTF-16; save it as \"CSV UTF-8\"" },
		{ "\xFE\xFF", 2, "is UTF-16; save it as \"CSV UTF-8\"" },
		{ "<", 1, "looks like HTML or XML, not CSV" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (n >= kinds[i].len && memcmp(p, kinds[i].magic,
		    kinds[i].len) == 0)
			return err_set(r->e, AS_EINPUT, r->path, 0, 0, "%s",
			    kinds[i].msg);
	return 0;
}

static unsigned char
delimiter(const char *p, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0, i;
	int quoted = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && (p[i] == '\n' || p[i] == '\r'))
			break;
		else if (!quoted) {
			comma += p[i] == ',';
			semi += p[i] == ';';
			tab += p[i] == '\t';
		}
	}
	if (semi > comma && semi >= tab)
		return ';';
	return tab > comma && tab > semi ? '\t' : ',';
}

static ssize_t
read_some(struct rd *r, int fd, char *p, size_t size)
{
	ssize_t got;

	do {
		got = read(fd, p, size);
	} while (got < 0 && errno == EINTR);
	if (got < 0)
		err_set(r->e, AS_ESYS, r->path, 0, 0, "read error: %s",
		    strerror(errno));
	return got;
}

static int
pass(struct rd *r, int fd, char *chunk)
{
	ssize_t got;
	size_t n = 0, skip;
	int cr = 0;

	while (n < CHUNK && (got = read_some(r, fd, chunk + n, CHUNK - n)) > 0)
		n += (size_t)got;
	if (got < 0)
		return -1;
	skip = n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (not_csv(r, chunk + skip, n - skip) != 0)
		return -1;
	csv_set_delim(&r->p, delimiter(chunk + skip, n - skip));
	r->line = 1;
	for (; n > 0; skip = 0) {
		if (feed_chunk(r, chunk + skip, n - skip, &cr) != 0)
			return -1;
		if ((got = read_some(r, fd, chunk, CHUNK)) < 0)
			return -1;
		n = (size_t)got;
	}
	if (csv_fini(&r->p, on_field, on_record, r) != 0)
		return r->failed ? -1 : csv_failure(r, 1);
	return r->failed ? -1 : 0;
}

static int
one_pass(struct rd *r, char *chunk)
{
	int fd, rc;

	if ((fd = fsx_open_input(r->path, r->e)) < 0)
		return -1;
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0) {
		if (fd != 0)
			close(fd);
		return err_nomem(r->e);
	}
	csv_set_realloc_func(&r->p, capped_realloc);
	r->nf = 0;
	buf_reset(&r->fields);
	rc = pass(r, fd, chunk);
	csv_free(&r->p);
	if (fd != 0)
		close(fd);
	return rc;
}

int
impfile_read(const char *path, struct import *im, struct err *e)
{
	struct rd r;
	char *chunk;
	int rc = -1, again;

	memset(&r, 0, sizeof(r));
	r.im = im;
	r.path = path;
	r.e = e;
	buf_init(&r.fields);
	if ((chunk = malloc(CHUNK)) == NULL)
		return err_nomem(e);
	if (one_pass(&r, chunk) != 0 || (again = import_end(im, e)) < 0)
		goto out;
	if (again && strcmp(path, "-") == 0) {
		err_set(e, AS_EUSAGE, path, 0, 0, "the role column is found by "
		    "reading the export twice, which standard input cannot "
		    "be; give --role-column or --role");
		goto out;
	}
	if (again && (one_pass(&r, chunk) != 0 || import_end(im, e) != 0))
		goto out;
	rc = 0;
out:
	free(chunk);
	free(r.off);
	free(r.len);
	free(r.ptr);
	buf_release(&r.fields);
	return rc;
}
