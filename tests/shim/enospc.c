/*
 * enospc.c - a test shim (LD_PRELOAD) that makes the disk look full: every
 * write(2) to a regular file fails with ENOSPC, and so does fsync(2).
 * Standard output, standard error and pipes are left alone, so the program
 * can still say what went wrong.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <unistd.h>

ssize_t write(int, const void *, size_t);
int fsync(int);

static int
regular(int fd)
{
	struct stat st;

	return fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (regular(fd)) {
		errno = ENOSPC;
		return -1;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (regular(fd)) {
		errno = ENOSPC;
		return -1;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}
