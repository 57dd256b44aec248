/*
 * journal.c - the interview journal: parse, create, append (fsynced).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsx.h"
#include "journal.h"
#include "utf8.h"

void
journal_init(struct journal *j)
{
	memset(j, 0, sizeof(*j));
	j->role = -1;
}

void
journal_release(struct journal *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		free(j->v[i].value);
	free(j->v);
	free(j->survey);
	free(j->version);
	free(j->org);
	journal_init(j);
}

int
journal_clean(const char *s, size_t n, char *msg, size_t size)
{
	size_t i = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			snprintf(msg, size, "byte 0x%02x is not UTF-8 text",
			    (unsigned char)s[i]);
			return -1;
		}
		if (utf8_is_unsafe(cp)) {
			snprintf(msg, size, "answers cannot hold control "
			    "characters such as U+%04X", (unsigned)cp);
			return -1;
		}
		i += (size_t)k;
	}
	return 0;
}

int
journal_value(const struct question *q, const char *text, struct answer *a,
    char *msg, size_t size)
{
	char why[256];

	if (journal_clean(text, strlen(text), why, sizeof(why)) != 0) {
		snprintf(msg, size, "%s: %s", q->id, why);
		return -1;
	}
	return response_parse(q, text, strlen(text), a, msg, size);
}

static char *
dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Split 'line' at tabs into at most 'max' fields; returns the count. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static int
header(const char *path, char *line, const struct survey *s,
    struct journal *j, struct err *e)
{
	char *f[5], msg[256];
	size_t n = fields(line, f, 5);

	if (strcmp(f[0], JOURNAL_FORMAT) != 0 || n != 5)
		return err_set(e, AS_EINPUT, path, 1, 0, "is not an interview "
		    "journal (its first line must start with '%s')",
		    JOURNAL_FORMAT);
	if (journal_clean(f[4], strlen(f[4]), msg, sizeof(msg)) != 0)
		return err_set(e, AS_EINPUT, path, 1, 0, "organisation: %s", msg);
	if (strcmp(f[1], s->id) != 0 || strcmp(f[2], s->version) != 0)
		return err_set(e, AS_EINPUT, path, 1, 0, "this interview is of "
		    "survey '%.64s' version '%.32s', not '%s' version '%s'; "
		    "resume it with that survey (-s), or remove the journal to "
		    "start again", f[1], f[2], s->id, s->version);
	if ((j->role = survey_audience(s, f[3])) < 0)
		return err_set(e, AS_EINPUT, path, 1, 0, "role '%.64s' is not an "
		    "audience of survey '%s'", f[3], s->id);
	if ((j->survey = dup_n(f[1], strlen(f[1]))) == NULL ||
	    (j->version = dup_n(f[2], strlen(f[2]))) == NULL ||
	    (j->org = dup_n(f[4], strlen(f[4]))) == NULL)
		return err_nomem(e);
	return 0;
}

static int
entry(const char *path, unsigned ln, char *line, const struct survey *s,
    struct journal *j, struct err *e)
{
	char *f[2], msg[700];
	struct journal_entry *v;
	struct answer a;
	int q;

	if (fields(line, f, 2) != 2)
		return err_set(e, AS_EINPUT, path, ln, 0, "expected a question "
		    "id, a tab and an answer");
	if ((q = survey_question(s, f[0])) < 0)
		return err_set(e, AS_EINPUT, path, ln, 0, "unknown question "
		    "'%.64s' in survey '%s'", f[0], s->id);
	if (!(s->qs[q].audience & (1u << j->role)))
		return err_set(e, AS_EINPUT, path, ln, 0, "%s is not asked of "
		    "role '%s'", s->qs[q].id, s->aud[j->role].id);
	if (journal_value(&s->qs[q], f[1], &a, msg, sizeof(msg)) != 0)
		return err_set(e, AS_EINPUT, path, ln, 0, "%s", msg);
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		if ((v = realloc(j->v, j->cap * sizeof(*v))) == NULL)
			return err_nomem(e);
		j->v = v;
	}
	if ((j->v[j->n].value = dup_n(f[1], strlen(f[1]))) == NULL)
		return err_nomem(e);
	j->v[j->n++].q = q;
	return 0;
}

int
journal_parse(const char *path, const char *text, size_t len,
    const struct survey *s, struct journal *j, struct err *e)
{
	size_t at = 0, n;
	unsigned ln = 0;
	const char *nl;
	char *line;
	int rc = 0;

	journal_init(j);
	while (rc == 0 && at < len) {
		ln++;
		if ((nl = memchr(text + at, '\n', len - at)) == NULL) {
			j->cut_line = ln;	/* cut short: not an answer */
			break;
		}
		n = (size_t)(nl - (text + at));
		if (memchr(text + at, '\0', n) != NULL)
			rc = err_set(e, AS_EINPUT, path, ln, 0, "holds a NUL "
			    "byte");
		else if ((line = dup_n(text + at, n)) == NULL)
			rc = err_nomem(e);
		else {
			rc = ln == 1 ? header(path, line, s, j, e) :
			    entry(path, ln, line, s, j, e);
			free(line);
		}
		at += n + 1;
		if (rc == 0)
			j->valid = at;
	}
	if (rc == 0 && j->role < 0)
		rc = err_set(e, AS_EINPUT, path, 1, 0, "the journal's first "
		    "line is incomplete, so it holds no answers; remove it and "
		    "start again");
	if (rc != 0)
		journal_release(j);
	return rc;
}

static int
write_all(int fd, const char *path, const char *p, size_t n, struct err *e)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return err_set(e, AS_ESYS, path, 0, 0, "cannot write: %s",
			    strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	if (fsync(fd) != 0)
		return err_set(e, AS_ESYS, path, 0, 0, "cannot save to disk: %s",
		    strerror(errno));
	return 0;
}

/* The directory entry of a new file reaches the disk too. */
static int
sync_dir(const char *path, struct err *e)
{
	char *dir = fsx_dirname(path);
	int fd, rc = 0;

	if (dir == NULL)
		return err_nomem(e);
	if ((fd = open(dir, O_RDONLY)) < 0 || fsync(fd) != 0)
		rc = err_set(e, AS_ESYS, dir, 0, 0, "cannot save to disk: %s",
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

int
journal_create(const char *path, const struct survey *s, int role,
    const char *org, struct err *e)
{
	struct buf b = BUF_INIT;
	char msg[256];
	int fd;

	if (journal_clean(org, strlen(org), msg, sizeof(msg)) != 0)
		return err_set(e, AS_EUSAGE, NULL, 0, 0, "the organisation's "
		    "name: %s", msg);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND, 0666)) < 0)
		return err_set(e, AS_ESYS, path, 0, 0, "cannot create the "
		    "journal: %s", strerror(errno));
	buf_printf(&b, "%s\t%s\t%s\t%s\t%s\n", JOURNAL_FORMAT, s->id,
	    s->version, s->aud[role].id, org);
	if (buf_ok(&b, e) != 0 || write_all(fd, path, b.data, b.len, e) != 0 ||
	    sync_dir(path, e) != 0) {
		close(fd);
		unlink(path);
		fd = -1;
	}
	buf_release(&b);
	return fd;
}

int
journal_reopen(const char *path, size_t valid, struct err *e)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	if (fd < 0)
		return err_set(e, AS_ESYS, path, 0, 0, "cannot open the "
		    "journal: %s", strerror(errno));
	if (ftruncate(fd, (off_t)valid) != 0 || fsync(fd) != 0) {
		err_set(e, AS_ESYS, path, 0, 0, "cannot repair the journal: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
journal_append(int fd, const char *path, const char *id, const char *value,
    struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	buf_printf(&b, "%s\t%s\n", id, value);
	rc = buf_ok(&b, e) != 0 ? -1 : write_all(fd, path, b.data, b.len, e);
	buf_release(&b);
	return rc;
}

int
journal_remove(const char *path, struct err *e)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return err_set(e, AS_ESYS, path, 0, 0, "cannot remove the "
		    "journal: %s", strerror(errno));
	return sync_dir(path, e);
}
