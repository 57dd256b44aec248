/*
 * main.c - run the command, make sure the output really got out, and
 * return its status.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	int status = cli_main(argc, argv);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "assess: error writing the output: %s\n",
		    strerror(errno));
		status = AS_EXIT_SYSTEM;
	}
	return status;
}
