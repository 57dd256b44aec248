/*
 * runstat.c - run a command several times; report its time and memory.
 *
 *   runstat [-n RUNS] [-o OUT] -- COMMAND [ARG...]
 *
 * Runs COMMAND RUNS times (default 1), one after another, with standard
 * output sent to OUT (default /dev/null) and standard error left alone.
 * Each run's wall-clock time comes from CLOCK_MONOTONIC around fork and
 * wait; its peak resident set size from the rusage wait4() returns for
 * that child (ru_maxrss, KiB on Linux), so nothing but the command itself
 * is counted, and its CPU time (user + system) from the same rusage.
 * Prints one line:
 *
 *   MEDIAN_S MIN_S MAX_S MAXRSS_KIB CPU_MEDIAN_S CPU_MIN_S
 *
 * (MAXRSS_KIB is the largest over the runs.)  Fails if any run does.
 */
#define _DEFAULT_SOURCE	/* wait4() */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
usage(void)
{
	fputs("usage: runstat [-n RUNS] [-o OUT] -- COMMAND [ARG...]\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static double t[MAX_RUNS], cpu[MAX_RUNS];
	const char *outpath = "/dev/null";
	long runs = 1, maxrss = 0;
	double med;
	int opt, i;

	while ((opt = getopt(argc, argv, "+n:o:")) != -1) {
		switch (opt) {
		case 'n':
			runs = strtol(optarg, NULL, 10);
			if (runs < 1 || runs > MAX_RUNS)
				usage();
			break;
		case 'o': outpath = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	for (i = 0; i < runs; i++) {
		struct rusage ru;
		double t0 = now();
		pid_t pid = fork();
		int status;

		if (pid < 0) {
			perror("runstat: fork");
			return 3;
		}
		if (pid == 0) {
			int fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC,
			    0644);

			if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
				perror(outpath);
				_exit(127);
			}
			close(fd);
			execvp(argv[optind], argv + optind);
			fprintf(stderr, "runstat: %s: %s\n", argv[optind],
			    strerror(errno));
			_exit(127);
		}
		while (wait4(pid, &status, 0, &ru) < 0)
			if (errno != EINTR) {
				perror("runstat: wait4");
				return 3;
			}
		t[i] = now() - t0;
		cpu[i] = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "runstat: %s failed (%s %d)\n",
			    argv[optind], WIFEXITED(status) ? "exit status" :
			    "signal", WIFEXITED(status) ? WEXITSTATUS(status) :
			    WTERMSIG(status));
			return 1;
		}
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	qsort(cpu, (size_t)runs, sizeof(cpu[0]), cmp_double);
	med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("%.6f %.6f %.6f %ld %.6f %.6f\n", med, t[0], t[runs - 1], maxrss,
	    runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2,
	    cpu[0]);
	return 0;
}
