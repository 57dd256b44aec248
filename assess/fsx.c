/*
 * fsx.c - bounded reads, atomic writes, paths.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fsx.h"

#define MAX_LINKS	16	/* symbolic links followed to an output file */

char *
fsx_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

/* "8 MiB" or "300 bytes" */
static const char *
size_text(unsigned long long n, char *buf, size_t size)
{
	if (n >= (1ULL << 20) && n % (1ULL << 20) == 0)
		snprintf(buf, size, "%llu MiB", n >> 20);
	else if (n >= (1ULL << 20))
		snprintf(buf, size, "%.1f MiB", (double)n / (1 << 20));
	else
		snprintf(buf, size, "%llu bytes", n);
	return buf;
}

static int
open_error(const char *path, int errnum, struct err *e)
{
	return err_set(e, AS_EINPUT, path, 0, 0, "cannot open: %s",
	    strerror(errnum));
}

int
fsx_open_input(const char *path, struct err *e)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		return STDIN_FILENO;
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return open_error(path, errno, e);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, AS_EINPUT, path, 0, 0,
		    S_ISDIR(st.st_mode) ? "is a directory, not a file" :
		    "is not a regular file");
	}
	/* reads on a regular file never block: drop O_NONBLOCK anyway */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
fsx_read_rest(int fd, const char *path, size_t cap, struct buf *out,
    struct err *e)
{
	char chunk[65536], a[32], c[32];
	struct stat st;
	ssize_t n;

	/* a regular file says its size: refuse it before reading a byte */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > cap)
		return err_set(e, AS_EINPUT, path, 0, 0, "is %s, larger than "
		    "the %s limit", size_text((unsigned long long)st.st_size,
		    a, sizeof(a)), size_text(cap, c, sizeof(c)));
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set(e, AS_ESYS, path, 0, 0, "read error: %s",
			    strerror(errno));
		if (n == 0)
			break;
		if ((size_t)n > cap - out->len)
			return err_set(e, AS_EINPUT, path, 0, 0, "is larger "
			    "than the %s limit", size_text(cap, c, sizeof(c)));
		buf_add(out, chunk, (size_t)n);
		if (buf_ok(out, e) != 0)
			return -1;
	}
	buf_add(out, "", 0);	/* make sure data is allocated and NUL-ended */
	return buf_ok(out, e);
}

int
fsx_read(const char *path, size_t cap, struct buf *out, struct err *e)
{
	int fd, rc;

	buf_reset(out);
	if ((fd = fsx_open_input(path, e)) < 0)
		return -1;
	rc = fsx_read_rest(fd, path, cap, out, e);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

char *
fsx_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p;

	if (dl == 0 || strcmp(dir, ".") == 0)
		return fsx_strdup(name);
	if ((p = malloc(dl + nl + 2)) == NULL)
		return NULL;
	memcpy(p, dir, dl);
	if (dir[dl - 1] != '/')
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

char *
fsx_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *p;
	size_t n;

	if (slash == NULL)
		return fsx_strdup(".");
	n = (size_t)(slash - path);
	if (n == 0)
		n = 1;		/* "/x" -> "/" */
	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, path, n);
	p[n] = '\0';
	return p;
}

int
fsx_is_json_name(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && strcasecmp(path + n - 5, ".json") == 0;
}

const char *
fsx_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

int
fsx_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fsx_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
fsx_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Where the link 'link' points, relative names taken from the link's
 * directory.  NULL with errno set. */
static char *
link_next(const char *link)
{
	char text[PATH_MAX], *dir, *next;
	ssize_t n = readlink(link, text, sizeof(text) - 1);

	if (n < 0)
		return NULL;
	text[n] = '\0';
	if (text[0] == '/')
		return fsx_strdup(text);
	if ((dir = fsx_dirname(link)) == NULL)
		return NULL;
	next = fsx_join(dir, text);
	free(dir);
	return next;
}

/* The file a report at 'path' replaces: 'path' itself or, when it is a
 * symbolic link, the file the link finally names (which need not exist
 * yet), so that the link stays.  Newly allocated; NULL with 'e' set. */
static char *
out_target(const char *path, struct err *e)
{
	struct stat st;
	char *cur = fsx_strdup(path), *next;
	int hops, errnum = ENOMEM;

	for (hops = 0; cur != NULL; hops++) {
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		next = hops < MAX_LINKS ? link_next(cur) : NULL;
		errnum = hops < MAX_LINKS ? errno : ELOOP;
		free(cur);
		cur = next;
	}
	err_set(e, AS_ESYS, path, 0, 0, "cannot write: %s", strerror(errnum));
	return NULL;
}

/* 1 for a device or FIFO: written in place, like standard output, since
 * it cannot be replaced.  (A socket cannot be opened at all; it is
 * refused before any work.) */
static int
is_special(const struct stat *st)
{
	return !S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode);
}

int
fsx_check_output(const char *path, struct err *e)
{
	struct stat st;
	char *target, *dir;
	int exists, rc = 0;

	if (path[0] == '\0')
		return err_set(e, AS_EUSAGE, NULL, 0, 0,
		    "the output file name is empty");
	exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode))
		return err_set(e, AS_EUSAGE, path, 0, 0,
		    "is a directory; give a file name to write the report to");
	if (exists && S_ISSOCK(st.st_mode))
		return err_set(e, AS_EUSAGE, path, 0, 0,
		    "is a socket; give a file name to write the report to");
	if (exists && is_special(&st))
		return access(path, W_OK) == 0 ? 0 : err_set(e, AS_ESYS, path,
		    0, 0, "cannot write: %s", strerror(errno));
	if ((target = out_target(path, e)) == NULL)
		return -1;
	if ((dir = fsx_dirname(target)) == NULL)
		rc = err_nomem(e);
	else if (!fsx_is_dir(dir))
		rc = err_set(e, AS_ESYS, path, 0, 0,
		    "cannot write: directory '%s' does not exist", dir);
	else if (access(dir, W_OK | X_OK) != 0)
		rc = err_set(e, AS_ESYS, path, 0, 0,
		    "cannot write: %s", strerror(errno));
	free(dir);
	free(target);
	return rc;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	/* some file systems cannot fsync a directory; that is not a failure */
	if (rc != 0 && (errno == EINVAL || errno == ENOTSUP))
		rc = 0;
	close(fd);
	return rc;
}

static int
write_error(struct fsx_out *o, int errnum, struct err *e)
{
	err_set(e, AS_ESYS, o->path, 0, 0, "cannot write: %s%s",
	    strerror(errnum), fsx_is_file(o->path) ? " (previous report kept)" :
	    "");
	fsx_out_abort(o);
	return -1;
}

int
fsx_out_open(struct fsx_out *o, const char *path, struct err *e)
{
	struct stat st;
	const char *base;
	int exists = stat(path, &st) == 0;
	mode_t mode;

	o->fd = -1;
	o->written = o->flushed = 0;
	o->direct = exists && is_special(&st);
	o->target = o->dir = o->tmp = NULL;
	if ((o->path = fsx_strdup(path)) == NULL) {
		fsx_out_abort(o);
		return err_nomem(e);
	}
	if (o->direct) {
		if ((o->fd = open(path, O_WRONLY | O_NOCTTY)) < 0)
			return write_error(o, errno, e);
		return 0;
	}
	if ((o->target = out_target(path, e)) == NULL) {
		fsx_out_abort(o);
		return -1;
	}
	base = fsx_basename(o->target);
	if ((o->dir = fsx_dirname(o->target)) == NULL ||
	    (o->tmp = malloc(strlen(o->dir) + strlen(base) + 16)) == NULL) {
		fsx_out_abort(o);
		return err_nomem(e);
	}
	sprintf(o->tmp, "%s/.%s.XXXXXX", o->dir, base);
	if ((o->fd = mkstemp(o->tmp)) < 0) {
		free(o->tmp);
		o->tmp = NULL;	/* nothing to remove */
		return write_error(o, errno, e);
	}
	if (exists && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 0777;	/* keep the report's mode (not
						 * setuid, setgid or sticky) */
	} else {
		mode = umask(0);
		umask(mode);
		mode = 0666 & ~mode;
	}
	if (fchmod(o->fd, mode) != 0)
		return write_error(o, errno, e);
	return 0;
}

/* Every FLUSH_EVERY bytes of a large report, the pages just written are
 * handed to the disk (the advice starts their write-back and frees them
 * from the cache once written), so that the fsync of the commit does not
 * wait for the whole file. */
#define FLUSH_EVERY	((off_t)1 << 20)

int
fsx_out_write(struct fsx_out *o, const void *data, size_t len,
    struct err *e)
{
	if (write_all(o->fd, data, len) != 0)
		return write_error(o, errno, e);
	o->written += (off_t)len;
	if (!o->direct && o->written - o->flushed >= FLUSH_EVERY) {
		(void)posix_fadvise(o->fd, o->flushed, o->written -
		    o->flushed, POSIX_FADV_DONTNEED);	/* only advice */
		o->flushed = o->written;
	}
	return 0;
}

int
fsx_out_commit(struct fsx_out *o, struct err *e)
{
	int fd = o->fd;

	if (o->direct) {	/* written in place: nothing to rename */
		o->fd = -1;
		if (close(fd) != 0)
			return write_error(o, errno, e);
		fsx_out_abort(o);
		return 0;
	}
	if (fsync(fd) != 0)
		return write_error(o, errno, e);
	o->fd = -1;
	if (close(fd) != 0 || rename(o->tmp, o->target) != 0)
		return write_error(o, errno, e);
	free(o->tmp);
	o->tmp = NULL;		/* renamed: nothing to remove any more */
	if (sync_dir(o->dir) != 0) {
		err_set(e, AS_ESYS, o->path, 0, 0, "written, but syncing its "
		    "directory failed: %s", strerror(errno));
		fsx_out_abort(o);
		return -1;
	}
	fsx_out_abort(o);	/* frees what is left */
	return 0;
}

void
fsx_out_abort(struct fsx_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->dir);
	free(o->target);
	free(o->path);
	o->fd = -1;
	o->tmp = o->dir = o->target = o->path = NULL;
}

int
fsx_write_atomic(const char *path, const void *data, size_t len,
    struct err *e)
{
	struct fsx_out o;

	if (fsx_out_open(&o, path, e) != 0 ||
	    fsx_out_write(&o, data, len, e) != 0)
		return -1;
	return fsx_out_commit(&o, e);
}
