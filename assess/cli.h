/*
 * cli.h - the command-line layer: the command table, usage and help text,
 * printing errors and mapping them to exit statuses.
 *
 * Only this layer (cli.c, cmd_*.c, main.c) prints or decides exit codes;
 * everything below returns errors.
 */
#ifndef ASSESS_CLI_H
#define ASSESS_CLI_H

#include "err.h"

#define ASSESS_VERSION "0.1.0"

enum {
	AS_EXIT_OK = 0,
	AS_EXIT_INPUT = 1,	/* bad survey, target, rules or answers */
	AS_EXIT_USAGE = 2,
	AS_EXIT_SYSTEM = 3,	/* I/O error, out of memory */
	AS_EXIT_BELOW = 4,	/* --fail-below not met */
};

struct cmd {
	const char	*name;
	int		(*run)(int argc, char **argv);
	const char	*usage;		/* "[-s SURVEY] ANSWERS..." */
	const char	*summary;	/* one line for the command list */
	const char	*help;		/* the options, one per line */
};

int cli_main(int argc, char **argv);

/* Print 'e' to stderr and return the exit status its code maps to. */
int cli_fail(const struct err *e);

/* The engine's notes ("assess: MESSAGE") and the rules' assess.log()
 * lines ("assess: WHERE: log: MESSAGE") on stderr, for engine_opts. */
void cli_note(void *ctx, const char *msg);
void cli_log(void *ctx, const char *where, const char *msg);

/* Exit status for an error code. */
int cli_status(enum err_code code);

/* "assess CMD: message" and the usage line on stderr; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) AS_PRINTF(2, 3);

/* The usage and help of 'name' on stdout; returns 0. */
int cli_help(const char *name);

/* Report a getopt failure: 'c' is what getopt_long returned, ':' for a
 * missing value (the option string starts with ':'), '?' for an unknown
 * option. */
int cli_bad_option(const char *cmd, char **argv, int c);

/* -j's value: a number of threads from 1 to 256 into *out; or the usage
 * error (its exit status). */
int cli_jobs(const char *cmd, const char *arg, unsigned *out);

/* The command set, for cmd_*.c. */
int cmd_score(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_interview(int argc, char **argv);
int cmd_form(int argc, char **argv);

/* The options of show, template and form that take only -s SURVEY (and
 * -h): the index of the first operand, -1 for -h, or -2 - STATUS after a
 * usage error. */
int cli_survey_opts(const char *cmd, int argc, char **argv,
    const char **survey);

/* The audience index --role names (an id or a label, any letter case;
 * NULL is the survey's 'org'), or -1 after a usage error. */
struct survey;
int cli_role(const char *cmd, const struct survey *s, const char *role);
int cmd_help(int argc, char **argv);

#endif
