/*
 * fuzz_util.c - the temporary directory, source paths and failure
 * reporting shared by the harnesses.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "survey.h"
#include "target.h"

#ifndef FUZZ_ROOT
#error "build with -DFUZZ_ROOT='\"/path/to/the/source/tree\"'"
#endif

static char tmpdir[256];
static pid_t tmpowner;

struct written {
	char	name[64];
	char	path[320];
};

static struct written files[8];
static size_t nfiles;

void
fz_setup_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz set-up failed: %s: %s\n", what,
	    detail != NULL ? detail : "");
	abort();
}

void
fz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz oracle: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

const char *
fz_src(const char *rel)
{
	static char pool[16][512];
	static size_t used;
	char *p;

	if (used == sizeof(pool) / sizeof(pool[0]))
		fz_setup_fail("fz_src", "too many paths");
	p = pool[used++];
	if ((size_t)snprintf(p, sizeof(pool[0]), "%s/%s", FUZZ_ROOT, rel) >=
	    sizeof(pool[0]))
		fz_setup_fail("path too long", rel);
	return p;
}

/* Remove directory 'dir' with its files and its lib/ subdirectory. */
static void
remove_tree(const char *dir)
{
	DIR *d;
	struct dirent *de;
	char path[600];

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (unlink(path) != 0)
				remove_tree(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* Remove the directory at exit (only in the process that made it:
 * libFuzzer's -fork children inherit nothing to clean). */
static void
cleanup(void)
{
	if (tmpdir[0] != '\0' && getpid() == tmpowner)
		remove_tree(tmpdir);
}

/* A harness that crashed (libFuzzer leaves with _Exit, no atexit) leaves
 * its directory behind: remove those whose process is gone. */
static void
remove_stale(const char *base)
{
	DIR *d;
	struct dirent *de;
	char path[600];
	long pid;

	if ((d = opendir(base)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "assess-fuzz-", 12) != 0 ||
		    sscanf(de->d_name + 12, "%ld-", &pid) != 1 || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, de->d_name);
		remove_tree(path);
	}
	closedir(d);
}

const char *
fz_tmpdir(void)
{
	const char *base;

	if (tmpdir[0] != '\0')
		return tmpdir;
	/* tmpfs when there is one: every input is written to a file */
	base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	remove_stale(base);
	snprintf(tmpdir, sizeof(tmpdir), "%s/assess-fuzz-%ld-XXXXXX", base,
	    (long)getpid());
	if (mkdtemp(tmpdir) == NULL) {
		tmpdir[0] = '\0';
		fz_setup_fail("cannot make a temporary directory", base);
	}
	tmpowner = getpid();
	atexit(cleanup);
	return tmpdir;
}

const char *
fz_write(const char *name, const uint8_t *data, size_t size)
{
	struct written *w = NULL;
	size_t i;
	int fd;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, name) == 0)
			w = &files[i];
	if (w == NULL) {
		if (nfiles == sizeof(files) / sizeof(files[0]) ||
		    strlen(name) >= sizeof(w->name))
			fz_setup_fail("fz_write", name);
		w = &files[nfiles++];
		snprintf(w->name, sizeof(w->name), "%s", name);
		snprintf(w->path, sizeof(w->path), "%s/%s", fz_tmpdir(), name);
	}
	if ((fd = open(w->path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		fz_setup_fail("cannot write the input file", w->path);
	while (size > 0) {
		ssize_t n = write(fd, data, size);

		if (n <= 0)
			fz_setup_fail("cannot write the input file", w->path);
		data += n;
		size -= (size_t)n;
	}
	close(fd);
	return w->path;
}

void
fz_load_mini(struct survey **s, struct target **t)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	if ((*s = survey_load(fz_src("tests/data/mini/survey.json"), &e)) ==
	    NULL)
		fz_setup_fail("mini survey", e.msg);
	if ((*t = target_load(fz_src("tests/data/mini/targets/mini-target.json"),
	    *s, &e)) == NULL)
		fz_setup_fail("mini target", e.msg);
}
