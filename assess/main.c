/*
 * main.c - run the command, make sure the output really got out, and
 * return its status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "precompiled.h"
#include "rules.h"

int
main(int argc, char **argv)
{
	int status;

	/* a reader that stops early (head) ends the run quietly, as it does
	 * for any tool, even when the caller left SIGPIPE ignored */
	signal(SIGPIPE, SIG_DFL);
	rules_use_precompiled(precompiled_find);
	status = cli_main(argc, argv);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "assess: error writing the output: %s\n",
		    strerror(errno));
		status = AS_EXIT_SYSTEM;
	}
	return status;
}
