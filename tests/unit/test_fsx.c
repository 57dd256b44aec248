/* Unit tests for fsx.c: bounded reads and atomic writes. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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

TEST(failed_write_leaves_nothing)
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

TEST(symlink_target_replaced_link_and_mode_kept)
{
	char *real = fsx_join(dir, "real.md"), *link = fsx_join(dir, "link.md");
	struct buf b = BUF_INIT;
	struct stat st;
	struct err e;

	CHECK(fsx_write_atomic(real, "old\n", 4, &e) == 0);
	CHECK(chmod(real, 0600) == 0);
	CHECK(symlink("real.md", link) == 0);	/* relative to its directory */
	CHECK(fsx_check_output(link, &e) == 0);
	CHECK(fsx_write_atomic(link, "new\n", 4, &e) == 0);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(fsx_read(real, 100, &b, &e) == 0);
	CHECK_STR(b.data, "new\n");
	CHECK(stat(real, &st) == 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	CHECK_INT(entries(), 2);
	buf_release(&b);
	unlink(link);
	unlink(real);
	free(link);
	free(real);
}

TEST(new_file_mode_follows_umask)
{
	char *path = fsx_join(dir, "new.md");
	mode_t old = umask(027);
	struct stat st;
	struct err e;

	CHECK(fsx_write_atomic(path, "x", 1, &e) == 0);
	CHECK(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 07777, 0640);
	umask(old);
	unlink(path);
	free(path);
}

TEST(dangling_symlink_names_the_new_file)
{
	char *link = fsx_join(dir, "link.md"), *sub = fsx_join(dir, "sub");
	char *made = fsx_join(sub, "new.md"), want[128];
	struct stat st;
	struct err e;

	memset(&e, 0, sizeof(e));
	CHECK(symlink("sub/new.md", link) == 0);
	CHECK(fsx_check_output(link, &e) != 0);
	CHECK_INT(e.code, AS_ESYS);
	CHECK_STR(e.file, link);
	snprintf(want, sizeof(want), "cannot write: directory '%s' does not "
	    "exist", sub);
	CHECK_STR(e.msg, want);
	CHECK(fsx_write_atomic(link, "x", 1, &e) != 0);
	CHECK_INT(entries(), 1);
	CHECK(mkdir(sub, 0755) == 0);
	CHECK(fsx_check_output(link, &e) == 0);
	CHECK(fsx_write_atomic(link, "x", 1, &e) == 0);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(fsx_is_file(made));
	unlink(made);
	rmdir(sub);
	unlink(link);
	free(made);
	free(sub);
	free(link);
}

TEST(symlink_loop_refused)
{
	char *a = fsx_join(dir, "a"), *b = fsx_join(dir, "b");
	struct err e;

	memset(&e, 0, sizeof(e));
	CHECK(symlink("b", a) == 0 && symlink("a", b) == 0);
	CHECK(fsx_check_output(a, &e) != 0);
	CHECK_STR(e.msg, "cannot write: Too many levels of symbolic links");
	CHECK(fsx_write_atomic(a, "x", 1, &e) != 0);
	CHECK_INT(entries(), 2);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}

TEST(fifo_written_in_place)
{
	char *path = fsx_join(dir, "fifo"), got[16] = "";
	struct stat st;
	struct err e;
	int fd;

	CHECK(mkfifo(path, 0600) == 0);
	/* a reader first, so that opening for writing does not wait */
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK(fd >= 0);
	CHECK(fsx_check_output(path, &e) == 0);
	CHECK(fsx_write_atomic(path, "report\n", 7, &e) == 0);
	CHECK_INT(read(fd, got, sizeof(got) - 1), 7);
	CHECK_STR(got, "report\n");
	CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK_INT(entries(), 1);	/* no temporary file */
	close(fd);
	unlink(path);
	free(path);
}

TEST(socket_refused)
{
	char *path = fsx_join(dir, "sock");
	struct sockaddr_un sa;
	struct stat st;
	struct err e;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	CHECK(fd >= 0 && strlen(path) < sizeof(sa.sun_path));
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	CHECK(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	/* refused before any work, not after it when open() fails */
	CHECK(fsx_check_output(path, &e) != 0);
	CHECK_INT(e.code, AS_EUSAGE);
	CHECK_STR(e.msg, "is a socket; give a file name to write the report "
	    "to");
	CHECK(stat(path, &st) == 0 && S_ISSOCK(st.st_mode));
	close(fd);
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
	RUN(failed_write_leaves_nothing);
	RUN(read_refuses_large_and_special_files);
	RUN(symlink_target_replaced_link_and_mode_kept);
	RUN(new_file_mode_follows_umask);
	RUN(dangling_symlink_names_the_new_file);
	RUN(symlink_loop_refused);
	RUN(fifo_written_in_place);
	RUN(socket_refused);
	RUN(paths);
	rc = check_done();
	rmdir(dir);
	return rc;
}
