/*
 * cmd_list.c - `assess list`: the bundled surveys and target profiles,
 * and the survey tools 'assess import' reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fsx.h"
#include "import.h"
#include "paths.h"
#include "survey.h"
#include "target.h"

static void
field(const char *s, int width)
{
	int n = (int)strlen(s);

	err_print_text(stdout, s);
	for (; n < width; n++)
		putchar(' ');
}

static int
list_targets(const struct survey *s, int *printed, struct err *e)
{
	struct paths_names files;
	char *dir = fsx_join(s->dir, "targets");
	size_t i;
	int rc = 0;

	if (dir == NULL)
		return err_nomem(e);
	if (paths_read_dir(dir, paths_keep_json, &files, e) != 0) {
		free(dir);
		return -1;
	}
	for (i = 0; i < files.n && rc == 0; i++) {
		char *path = fsx_join(dir, files.v[i]);
		struct target *t = path ? target_load(path, s, e) : NULL;

		if (t == NULL) {
			rc = -1;
		} else {
			if (!(*printed)++)
				fputs("targets:\n", stdout);
			fputs("  ", stdout);
			field(t->id, 36);
			fputs("  ", stdout);
			field(s->id, 24);	/* the survey it is for */
			fputs("  ", stdout);
			field(t->as_of, 8);
			fputs("  ", stdout);
			err_print_text(stdout, t->title);
			fputs("\n", stdout);
		}
		target_free(t);
		free(path);
	}
	paths_names_release(&files);
	free(dir);
	return rc;
}

/* Load every bundled survey, in folder-name order. */
static int
load_all(struct survey ***out, size_t *n, struct err *e)
{
	struct paths_names dirs;
	char *root = fsx_join(paths_datadir(), "surveys");
	size_t i;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (root == NULL)
		return err_nomem(e);
	if (!fsx_is_dir(root)) {
		err_set(e, AS_ESYS, root, 0, 0, "no such folder, so no bundled "
		    "surveys; is assess installed? ($ASSESS_PATH sets the folder "
		    "holding surveys/ and rules/)");
		free(root);
		return -1;
	}
	if (paths_read_dir(root, paths_keep_survey, &dirs, e) != 0) {
		free(root);
		return -1;
	}
	if (dirs.n > 0 && (*out = calloc(dirs.n, sizeof(**out))) == NULL)
		rc = err_nomem(e);
	for (i = 0; i < dirs.n && rc == 0; i++) {
		char *sub = fsx_join(root, dirs.v[i]);
		char *file = sub ? fsx_join(sub, "survey.json") : NULL;

		if (file == NULL)
			rc = err_nomem(e);
		else if (((*out)[*n] = survey_load(file, e)) == NULL)
			rc = -1;
		else
			(*n)++;
		free(file);
		free(sub);
	}
	paths_names_release(&dirs);
	free(root);
	return rc;
}

/* The survey tools 'assess import --from' reads. */
static int
list_tools(void)
{
	size_t i;

	fputs("tools (assess import --from TOOL):\n", stdout);
	for (i = 0; import_tools[i] != NULL; i++)
		printf("  %-14s %s\n", import_tools[i]->name,
		    import_tools[i]->title);
	return AS_EXIT_OK;
}

/* An argument that is not a kind of thing to list: say what it is when
 * it is a bundled survey, since that is what people try. */
static int
not_a_kind(const char *arg)
{
	struct err e = { 0 };
	char *path = NULL;

	if (!paths_is_path(arg) && strchr(arg, ' ') == NULL)
		path = paths_survey(arg, &e);
	free(path);
	if (path != NULL)
		return cli_usage_error("list", "'%s' is a survey, not something "
		    "to list; see its questions with 'assess show -s %s' or its "
		    "target profiles with 'assess list targets'", arg, arg);
	return cli_usage_error("list", "'%s' is not surveys, targets or "
	    "tools", arg);
}

int
cmd_list(int argc, char **argv)
{
	struct survey **all;
	struct err e = { 0 };
	int want_s = 1, want_t = 1, printed = 0, rc;
	size_t i, n;

	if (argc > 2)
		return cli_usage_error("list", "give at most one of surveys, "
		    "targets, tools");
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return cli_help("list");
	if (argc == 2 && strcmp(argv[1], "surveys") == 0)
		want_t = 0;
	else if (argc == 2 && strcmp(argv[1], "targets") == 0)
		want_s = 0;
	else if (argc == 2 && strcmp(argv[1], "tools") == 0)
		return list_tools();
	else if (argc == 2)
		return not_a_kind(argv[1]);
	rc = load_all(&all, &n, &e);
	if (rc == 0 && want_s) {
		fputs("surveys:\n", stdout);
		for (i = 0; i < n; i++) {
			fputs("  ", stdout);
			field(all[i]->id, 24);
			fputs("  ", stdout);
			field(all[i]->version, 8);
			fputs("  ", stdout);
			err_print_text(stdout, all[i]->title);
			fputc('\n', stdout);
		}
	}
	for (i = 0; rc == 0 && want_t && i < n; i++)
		rc = list_targets(all[i], &printed, &e);
	for (i = 0; i < n; i++)
		survey_free(all[i]);
	free(all);
	return rc == 0 ? AS_EXIT_OK : cli_fail(&e);
}
