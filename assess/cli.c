/*
 * cli.c - command dispatch, usage, help and exit statuses.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suggest.h"

static const struct cmd cmds[] = {
	{ "score", cmd_score,
	  "[-s SURVEY] [-t TARGET] [-r RULES] [-f FORMAT] [-o FILE]\n"
	  "                    [--report KIND] [--fail-below LEVEL] [--anonymity N]\n"
	  "                    [--as-of DATE] [-j N] ANSWERS...",
	  "rate organisations from answers files",
	  "Read the answers (CSV or JSON), score every organisation in them with\n"
	  "the survey's rules, and write a report: a maturity level per dimension,\n"
	  "a headline level with its reason, findings and recommendations, and\n"
	  "with -t the gap to a target profile.\n"
	  "\n"
	  "  -s, --survey SURVEY    a bundled survey id or a survey.json file\n"
	  "                         (default: the survey the answers name, or\n"
	  "                         whose questions their columns are; else\n"
	  "                         social-media-readiness)\n"
	  "  -t, --target TARGET    compare with a target profile: an id from\n"
	  "                         'assess list targets', or a file\n"
	  "  -r, --rules RULES      run this rule script instead of the survey's\n"
	  "  -f, --format FORMAT    md (default), json, csv or html; without -f,\n"
	  "                         the extension of -o chooses\n"
	  "      --report KIND      full (default): all the evidence; summary: one\n"
	  "                         page for an executive; business-case: for IT\n"
	  "                         and the executive who must agree\n"
	  "  -o, --output FILE      write the report to FILE, replacing it only\n"
	  "                         once the report is complete\n"
	  "      --fail-below LEVEL exit with status 4 if an organisation's\n"
	  "                         headline is below LEVEL (1-5 or a level name)\n"
	  "      --anonymity N      break results down by role only for roles\n"
	  "                         with at least N respondents (default 5)\n"
	  "      --as-of DATE       date the results YYYY-MM-DD (default: the\n"
	  "                         latest submitted date of the answers)\n"
	  "  -j, --jobs N           score the organisations on N threads (default\n"
	  "                         1), and with 2 or more parse the answers\n"
	  "                         on a thread of their own; the report is\n"
	  "                         the same for any N\n"
	  "      --keep-going       leave out each response with errors, name\n"
	  "                         it, and score the rest\n"
	  "      --from TOOL        the inputs are exports of a survey tool\n"
	  "                         (see 'assess list tools'), read as 'assess\n"
	  "                         import' reads them, with its -m,\n"
	  "                         --organisation-column, --role-column and\n"
	  "                         --partial\n"
	  "  -h, --help             show this help\n" },
	{ "check", cmd_check, "[-s SURVEY] FILE...",
	  "validate surveys, target profiles, rule scripts and answers",
	  "Check each file and say what it is, or what is wrong with it and\n"
	  "where.  The kind of file is told by its contents: JSON files by their\n"
	  "\"format\", *.lua files are rule scripts, anything else is a CSV\n"
	  "answers file.  Answers and rule scripts are checked against SURVEY\n"
	  "(without -s: the survey a JSON answers file names, or the bundled\n"
	  "survey whose questions a CSV file's columns are; for a rule script the\n"
	  "bundled survey of the same name; else the default).  A rule script\n"
	  "is also run once on an organisation with no answers, and on the\n"
	  "answers of each of the survey's fixtures (rules/fixtures/SURVEY/),\n"
	  "so that a misspelt question id or option value fails here.  A rule\n"
	  "fixture is read and its answers scored with its survey's rules\n"
	  "('assess test' compares the results).  In a CSV answers file every\n"
	  "bad row is reported, up to 50.\n"
	  "\n"
	  "  -s, --survey SURVEY    the survey for answers and rule scripts\n"
	  "                         (default: social-media-readiness)\n"
	  "      --keep-going       report each response with errors and leave\n"
	  "                         it out; the rest of the file passes\n"
	  "  -h, --help             show this help\n" },
	{ "test", cmd_test, "[-s SURVEY] RULES FIXTURE...",
	  "run rule fixtures: answers and what the rules must make of them",
	  "Score the answers of each fixture (assess-rule-fixture/1) with the\n"
	  "rule script RULES and compare the result with what the fixture\n"
	  "expects: the headline, levels and scores of dimensions, findings\n"
	  "raised or absent, recommendations and flags.  Each difference is\n"
	  "printed as FIXTURE:LINE:COL (where the expectation is written),\n"
	  "what was expected and what the rules gave.  A FIXTURE may be a\n"
	  "folder: every *.json file in it, in name order.  Exit status 1 when\n"
	  "any expectation is not met.\n"
	  "\n"
	  "  -s, --survey SURVEY    the survey of fixtures that name none\n"
	  "                         (default: the one the answers name, else\n"
	  "                         social-media-readiness)\n"
	  "  -h, --help             show this help\n" },
	{ "compare", cmd_compare,
	  "[-s SURVEY] -t TARGET [-f FORMAT] [-o FILE]\n"
	  "                      [--report KIND] ANSWERS|RESULT.json...",
	  "rank organisations against a target profile",
	  "Rank every organisation in the answers and result files against\n"
	  "TARGET: a league table (by headline level, then the mean level of the\n"
	  "rated dimensions, then the mean score; equal organisations share a\n"
	  "rank), who meets the target in full, the spread of each dimension,\n"
	  "and the required practices most often missed, with who misses them.\n"
	  "Result files (score -f json) may be mixed with raw answers, so that\n"
	  "organisations can share their results instead of their answers; each\n"
	  "must have been scored against TARGET.  Files are read one at a time,\n"
	  "so memory grows with the organisations, not with the files.\n"
	  "\n"
	  "  -s, --survey SURVEY    the survey of raw answers (default: the one\n"
	  "                         they belong to, or the survey of a result\n"
	  "                         file given before them)\n"
	  "  -t, --target TARGET    the target profile to compare with\n"
	  "  -f, --format FORMAT    md (default), json, csv or html; without -f,\n"
	  "                         the extension of -o chooses\n"
	  "      --report KIND      full (default): everything above, and in\n"
	  "                         html a heatmap and the spread as charts;\n"
	  "                         summary: one page, the first and last five\n"
	  "                         of the league table, how many meet the\n"
	  "                         target and the three practices most often\n"
	  "                         missed (a business case is for one\n"
	  "                         organisation: use score)\n"
	  "  -o, --output FILE      write the report to FILE, replacing it only\n"
	  "                         once the report is complete\n"
	  "  -h, --help             show this help\n" },
	{ "trend", cmd_trend, "[-f FORMAT] [-o FILE] RESULT.json RESULT.json...",
	  "show what moved between assessments of the same organisations",
	  "Put the results (score -f json) of the same organisations at\n"
	  "different dates in date order, and show for each organisation the\n"
	  "headline's path, each dimension improved, regressed or the same, the\n"
	  "questions whose level signal moved, and the findings that appeared or\n"
	  "were resolved.  A result is dated by score --as-of, else by the\n"
	  "latest submitted date of its answers.  Results of another survey, or\n"
	  "of a version that asks other questions, are refused.\n"
	  "\n"
	  "  -f, --format FORMAT    md (default), json, csv or html (a chart of\n"
	  "                         each dimension over time); without -f, the\n"
	  "                         extension of -o chooses\n"
	  "  -o, --output FILE      write the report to FILE, replacing it only\n"
	  "                         once the report is complete\n"
	  "  -h, --help             show this help\n" },
	{ "explain", cmd_explain,
	  "[-s SURVEY] [-t TARGET] [-r RULES] [--organisation NAME]\n"
	  "                    [--dimension ID] [-f FORMAT] [-o FILE] ANSWERS...",
	  "show how each level and score was worked out",
	  "Score the answers as 'score' does and show, for each dimension, every\n"
	  "question once: whether its answers counted, with their level signal,\n"
	  "or why not (not applicable, unanswered, another audience, its\n"
	  "condition not met, fewer answers than the rules need); then the\n"
	  "gates and evidence caps applied, and the arithmetic from the signals\n"
	  "to the level and score that 'score' reports.\n"
	  "\n"
	  "  -s, --survey SURVEY    the survey of the answers (default: the one\n"
	  "                         they belong to)\n"
	  "  -t, --target TARGET    score against a target profile, as 'score'\n"
	  "  -r, --rules RULES      run this rule script instead of the survey's\n"
	  "      --organisation NAME\n"
	  "                         only this organisation (letter case and\n"
	  "                         spacing do not matter)\n"
	  "      --dimension ID     only this dimension\n"
	  "  -f, --format FORMAT    md (default) or json; without -f, the\n"
	  "                         extension of -o chooses\n"
	  "  -o, --output FILE      write the report to FILE, replacing it only\n"
	  "                         once the report is complete\n"
	  "  -h, --help             show this help\n" },
	{ "show", cmd_show, "[-s SURVEY] [ID...]",
	  "show the questionnaire: questions, options, help",
	  "Show the survey as a person reads it: each dimension with its levels,\n"
	  "and each question with who answers it, what it takes, its options as\n"
	  "'value \xe2\x80\x94 label' (a cell may hold either) and its help.  With IDs,\n"
	  "only those questions or dimensions.\n"
	  "\n"
	  "  -s, --survey SURVEY    a bundled survey id or a survey.json file\n"
	  "                         (default: social-media-readiness)\n"
	  "  -h, --help             show this help\n" },
	{ "template", cmd_template, "[-s SURVEY] [--role ROLE] [-f csv|md]",
	  "a blank answers sheet, or a printable questionnaire",
	  "Write a blank answers CSV for one role: the reserved columns and the\n"
	  "question ids that role answers, in survey order, ready to fill in a\n"
	  "spreadsheet and score.  With -f md, a printable questionnaire instead:\n"
	  "each question with tick boxes, its help, and what the levels of its\n"
	  "dimension look like, for paper or a meeting.\n"
	  "\n"
	  "  -s, --survey SURVEY    a bundled survey id or a survey.json file\n"
	  "                         (default: social-media-readiness)\n"
	  "      --role ROLE        the respondents' role: an audience id or\n"
	  "                         label (default: org)\n"
	  "  -f, --format FORMAT    csv (default) or md\n"
	  "  -h, --help             show this help\n" },
	{ "interview", cmd_interview,
	  "[-s SURVEY] [--role ROLE] [--organisation NAME]\n"
	  "                        [-o FILE] [--resume] [--force]",
	  "answer the questionnaire in a terminal, question by question",
	  "Ask the questions of one role in survey order, skipping those whose\n"
	  "condition does not hold, and save each answer as it is given in a\n"
	  "journal beside the output (FILE.journal), so a stop or a crash loses\n"
	  "nothing: --resume continues where it stopped.  At the end write the\n"
	  "answers (assess-answers/1 JSON) and show the headline level.\n"
	  "\n"
	  "Answer with an option's number, value or label ('a;b' for several),\n"
	  "a number, 'na' where it does not apply, or an empty line to skip;\n"
	  "'?' shows the help and the levels, '<' goes back.  From a pipe, one\n"
	  "answer per line; a refused answer is followed by the next line.\n"
	  "\n"
	  "  -s, --survey SURVEY    a bundled survey id or a survey.json file\n"
	  "                         (default: social-media-readiness)\n"
	  "      --role ROLE        the respondent's role: an audience id or\n"
	  "                         label (default: org)\n"
	  "      --organisation NAME\n"
	  "                         the organisation answered for (default:\n"
	  "                         the output's file name)\n"
	  "  -o, --output FILE      where the answers go (default: answers.json)\n"
	  "      --resume           continue the interview in FILE.journal\n"
	  "      --force            replace FILE if it exists\n"
	  "  -h, --help             show this help\n" },
	{ "form", cmd_form, "[-s SURVEY] [-o FILE]",
	  "an offline HTML form that saves an answers file",
	  "Write the questionnaire as one HTML page that works offline in any\n"
	  "browser: every question with its help, those that depend on an\n"
	  "earlier answer shown only when it applies, required answers checked.\n"
	  "Its 'Save answers' button downloads an assess-answers/1 file that\n"
	  "'assess score' reads.  The page loads nothing from the network and\n"
	  "runs no script but its own.\n"
	  "\n"
	  "  -s, --survey SURVEY    a bundled survey id or a survey.json file\n"
	  "                         (default: social-media-readiness)\n"
	  "  -o, --output FILE      write the page to FILE (default: standard\n"
	  "                         output), replacing it only once complete\n"
	  "  -h, --help             show this help\n" },
	{ "import", cmd_import,
	  "[--from TOOL] [-s SURVEY] [-m MAP] [--init-map MAP] [--strict]\n"
	  "                    [--organisation-column HEADER] [--role-column HEADER]\n"
	  "                    [--partial] [--keep-going] [-j N] [-f json|csv] [-o FILE]\n"
	  "                    EXPORT...",
	  "turn a survey tool's export into an answers file",
	  "Read the CSV export of a survey tool and write the answers it holds\n"
	  "as assess-answers/1 JSON (or an answers CSV with -f csv), ready for\n"
	  "'assess score'.  Columns are matched to the survey's questions by the\n"
	  "tool's question codes or names where it has them, else by the\n"
	  "question's text; cells by option value or label.  Timestamps, ids,\n"
	  "e-mail and IP addresses are left out.\n"
	  "\n"
	  "      --from TOOL        google, msforms, limesurvey, kobo, odk,\n"
	  "                         surveymonkey, qualtrics, or auto (the\n"
	  "                         default: told by the export's header)\n"
	  "  -s, --survey SURVEY    the survey the form was made from\n"
	  "                         (default: social-media-readiness)\n"
	  "  -m, --map MAP          a mapping file: which column is which\n"
	  "                         question, which cell text which option\n"
	  "      --init-map MAP     write the mapping this export gets, for\n"
	  "                         review, instead of the answers\n"
	  "      --strict           refuse a column that matches nothing\n"
	  "      --organisation-column HEADER\n"
	  "                         the column naming the organisation\n"
	  "      --role-column HEADER\n"
	  "                         the column naming the respondent's role\n"
	  "      --organisation NAME  the organisation of every response\n"
	  "                         without one (default: the file's name)\n"
	  "      --role ROLE        the role of every response without one\n"
	  "      --partial          keep responses the tool marks incomplete\n"
	  "      --keep-going       leave out a response with errors, say\n"
	  "                         which, and go on\n"
	  "  -j, --jobs N           with 2 or more (the default when the\n"
	  "                         machine has more than one core), the\n"
	  "                         export is parsed on a thread of its own\n"
	  "                         while it is converted; the output is the\n"
	  "                         same for any N\n"
	  "  -f, --format FORMAT    json (default) or csv\n"
	  "  -o, --output FILE      write to FILE, replacing it only once\n"
	  "                         the import is complete\n"
	  "  -h, --help             show this help\n" },
	{ "list", cmd_list, "[surveys|targets|tools]",
	  "list the bundled surveys and target profiles",
	  "List the surveys and target profiles that ship with assess (or are\n"
	  "in $ASSESS_PATH), with the ids that -s and -t accept, or with\n"
	  "'tools' the survey tools whose exports 'assess import' reads.\n"
	  "\n"
	  "  -h, --help             show this help\n" },
	{ "help", cmd_help, "[COMMAND]", "show help for a command",
	  "Show the usage and options of COMMAND, or the list of commands.\n" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const struct cmd *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

static void
usage(FILE *fp)
{
	size_t i;

	fputs("usage: assess <command> [options] [arguments]\n"
	    "       assess -h | --help | --version\n\n"
	    "Rate an organisation's readiness for social media (access, "
	    "approvals,\ntraining, leadership and the enablers around them) "
	    "from survey answers.\n\ncommands:\n", fp);
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\nRun 'assess help COMMAND' for the options of a command.\n"
	    "Exit status: 0 ok, 1 bad input or rule failure, 2 usage, "
	    "3 system error,\n4 --fail-below not met.\n", fp);
}

int
cli_status(enum err_code code)
{
	switch (code) {
	case AS_OK:
		return AS_EXIT_OK;
	case AS_EUSAGE:
		return AS_EXIT_USAGE;
	case AS_ESYS:
		return AS_EXIT_SYSTEM;
	case AS_EINPUT:
	case AS_ERULE:
		break;
	}
	return AS_EXIT_INPUT;
}

int
cli_fail(const struct err *e)
{
	err_print(e, stderr);
	return cli_status(e->code);
}

void
cli_note(void *ctx, const char *msg)
{
	(void)ctx;
	fputs("assess: ", stderr);
	err_print_text(stderr, msg);
	fputc('\n', stderr);
}

void
cli_log(void *ctx, const char *where, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "assess: %s: log: %s\n", where, msg);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	const struct cmd *c = find(cmd);
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "assess %s: ", cmd);
	err_print_text(stderr, msg);	/* the message may quote arguments */
	fputc('\n', stderr);
	if (c != NULL)
		fprintf(stderr, "usage: assess %s %s\n", c->name, c->usage);
	return AS_EXIT_USAGE;
}

int
cli_bad_option(const char *cmd, char **argv, int c)
{
	const char *what = c == ':' ? "needs a value" : "is not known";

	/* an unknown short option may sit in a cluster ("-xv"): name it */
	if (c == '?' && optopt != 0)
		return cli_usage_error(cmd, "option '-%c' %s", optopt, what);
	return cli_usage_error(cmd, "option '%s' %s", argv[optind - 1], what);
}

#define JOBS_MAX 256

int
cli_jobs(const char *cmd, const char *arg, unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > JOBS_MAX)
		return cli_usage_error(cmd, "-j needs a number of threads from "
		    "1 to %d, not '%s'", JOBS_MAX, arg);
	*out = (unsigned)v;
	return 0;
}

int
cli_help(const char *name)
{
	const struct cmd *c = find(name);

	printf("usage: assess %s %s\n\n%s", c->name, c->usage, c->help);
	return AS_EXIT_OK;
}

int
cmd_help(int argc, char **argv)
{
	struct suggest s;
	size_t i;

	if (argc < 2) {
		usage(stdout);
		return AS_EXIT_OK;
	}
	if (argc > 2)
		return cli_usage_error("help", "give one command");
	if (find(argv[1]) != NULL)
		return cli_help(argv[1]);
	suggest_init(&s, argv[1]);
	for (i = 0; i < NCMDS; i++)
		suggest_try(&s, cmds[i].name);
	return cli_usage_error("help", "'%s' is not a command%s%s%s", argv[1],
	    s.best ? "; did you mean '" : "", s.best ? s.best : "",
	    s.best ? "'?" : "");
}

int
cli_main(int argc, char **argv)
{
	const struct cmd *c;
	struct suggest s;
	size_t i;

	opterr = 0;
	if (argc < 2) {
		usage(stderr);
		return AS_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return AS_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("assess %s\n", ASSESS_VERSION);
		return AS_EXIT_OK;
	}
	if ((c = find(argv[1])) != NULL)
		return c->run(argc - 1, argv + 1);
	suggest_init(&s, argv[1]);
	for (i = 0; i < NCMDS; i++)
		suggest_try(&s, cmds[i].name);
	fprintf(stderr, "assess: '");
	err_print_text(stderr, argv[1]);
	fprintf(stderr, "' is not a command%s%s%s; see 'assess --help'\n",
	    s.best ? " (did you mean '" : "", s.best ? s.best : "",
	    s.best ? "'?)" : "");
	return AS_EXIT_USAGE;
}
