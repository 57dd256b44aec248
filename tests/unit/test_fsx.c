/* Unit tests for fsx.c: bounded reads and atomic writes. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "fsx.h"

static char dir[64];

static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.' || (de->d_name[1] != '\0' &&
		    de->d_name[1] != '.');
	closedir(d);
	return n;
}

TEST(atomic_write_replaces_whole_file)
{
	char *path = fsx_join(dir, "report.md");
	struct buf b = BUF_INIT;
	struct err e;

	CHECK(fsx_write_atomic(path, "first\n", 6, &e) == 0);
	CHECK(fsx_write_atomic(path, "second\n", 7, &e) == 0);
	CHECK(fsx_read(path, 100, &b, &e) == 0);
	CHECK_STR(b.data, "second\n");
	CHECK_INT(entries(), 1);	/* no temporary file left */
	buf_release(&b);
	unlink(path);
	free(path);
}

TEST(failed_write_keeps_previous)
{
	char *path = fsx_join(dir, "gone/report.md");
	struct err e;

	CHECK(fsx_write_atomic(path, "x", 1, &e) != 0);
	CHECK_INT(e.code, AS_ESYS);
	CHECK_INT(entries(), 0);
	CHECK(fsx_check_output(path, &e) != 0);
	CHECK(fsx_check_output(dir, &e) != 0);	/* a directory */
	free(path);
}

TEST(read_refuses_large_and_special_files)
{
	char *path = fsx_join(dir, "big");
	struct buf b = BUF_INIT;
	struct err e;
	FILE *fp = fopen(path, "w");

	fputs("0123456789", fp);
	fclose(fp);
	CHECK(fsx_read(path, 9, &b, &e) != 0);
	CHECK_STR(e.msg, "is 10 bytes, larger than the 9 bytes limit");
	CHECK(fsx_read(path, 10, &b, &e) == 0);
	CHECK_INT(b.len, 10);
	CHECK(fsx_read(dir, 10, &b, &e) != 0);
	CHECK_STR(e.msg, "is a directory, not a file");
	CHECK(fsx_read("/dev/zero", 10, &b, &e) != 0);
	CHECK_STR(e.msg, "is not a regular file");
	buf_release(&b);
	unlink(path);
	free(path);
}

TEST(paths)
{
	char *p;

	p = fsx_dirname("a/b/c.json");
	CHECK_STR(p, "a/b");
	free(p);
	p = fsx_dirname("c.json");
	CHECK_STR(p, ".");
	free(p);
	p = fsx_dirname("/c.json");
	CHECK_STR(p, "/");
	free(p);
	p = fsx_join(".", "x");
	CHECK_STR(p, "x");
	free(p);
	p = fsx_join("a/", "x");
	CHECK_STR(p, "a/x");
	free(p);
	CHECK_STR(fsx_basename("a/b/c.csv"), "c.csv");
}

int
main(void)
{
	int rc;

	strcpy(dir, "/tmp/assess-fsx-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(atomic_write_replaces_whole_file);
	RUN(failed_write_keeps_previous);
	RUN(read_refuses_large_and_special_files);
	RUN(paths);
	rc = check_done();
	rmdir(dir);
	return rc;
}
