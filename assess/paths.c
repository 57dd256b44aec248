/*
 * paths.c - locating bundled data.
 */
#include <dirent.h>
#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsx.h"
#include "jdoc.h"
#include "paths.h"

#ifndef ASSESS_DATADIR
#define ASSESS_DATADIR "/usr/local/share/assess"
#endif

static char datadir[PATH_MAX];

/* The checkout the running binary lives in (…/build/assess), if any. */
static int
checkout_dir(char *out, size_t size)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int i;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	for (i = 0; i < 2; i++) {	/* strip "assess", then "build" */
		if ((slash = strrchr(exe, '/')) == NULL)
			return -1;
		*slash = '\0';
	}
	if ((size_t)snprintf(out, size, "%s", exe[0] ? exe : "/") >= size)
		return -1;
	{
		char s[PATH_MAX + 16], r[PATH_MAX + 16];

		snprintf(s, sizeof(s), "%s/surveys", out);
		snprintf(r, sizeof(r), "%s/rules", out);
		if (!fsx_is_dir(s) || !fsx_is_dir(r))
			return -1;
	}
	return 0;
}

const char *
paths_datadir(void)
{
	const char *env;

	if (datadir[0] != '\0')
		return datadir;
	if ((env = getenv("ASSESS_PATH")) != NULL && env[0] != '\0')
		snprintf(datadir, sizeof(datadir), "%s", env);
	else if (checkout_dir(datadir, sizeof(datadir)) != 0)
		snprintf(datadir, sizeof(datadir), "%s", ASSESS_DATADIR);
	return datadir;
}

int
paths_is_path(const char *arg)
{
	size_t n = strlen(arg);

	(void)n;
	return strchr(arg, '/') != NULL || fsx_is_json_name(arg);
}

static char *
join3(const char *a, const char *b, const char *c)
{
	char *ab = fsx_join(a, b), *abc;

	if (ab == NULL)
		return NULL;
	abc = fsx_join(ab, c);
	free(ab);
	return abc;
}

char *
paths_survey(const char *arg, struct err *e)
{
	char *dir, *path;

	if (paths_is_path(arg)) {
		if (fsx_is_dir(arg))
			return fsx_join(arg, "survey.json");
		return fsx_strdup(arg);
	}
	if (!jdoc_is_ident(arg)) {
		err_set(e, AS_EUSAGE, NULL, 0, 0, "'%s' is not a survey id or "
		    "a path", arg);
		return NULL;
	}
	if ((dir = join3(paths_datadir(), "surveys", arg)) == NULL) {
		err_nomem(e);
		return NULL;
	}
	path = fsx_join(dir, "survey.json");
	free(dir);
	if (path == NULL)
		err_nomem(e);
	else if (!fsx_is_file(path)) {
		err_set(e, AS_EUSAGE, NULL, 0, 0, "no bundled survey '%s'; "
		    "'assess list surveys' shows them", arg);
		free(path);
		return NULL;
	}
	return path;
}

/* A bundled profile of another survey ('file' in its targets/ folder),
 * in folder-name order; else 'path' (which it takes over) unchanged. */
static char *
other_survey_target(char *path, const char *file)
{
	struct dirent **names;
	char *root = fsx_join(paths_datadir(), "surveys"), *found = NULL;
	int i, n = root != NULL ? scandir(root, &names, NULL, alphasort) : -1;

	for (i = 0; i < n; i++) {
		if (found == NULL && names[i]->d_name[0] != '.' &&
		    (found = join3(root, names[i]->d_name, "targets")) != NULL) {
			char *f = fsx_join(found, file);

			free(found);
			found = f;
			if (found != NULL && !fsx_is_file(found)) {
				free(found);
				found = NULL;
			}
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	free(root);
	if (found == NULL)
		return path;
	free(path);
	return found;
}

char *
paths_target(const char *arg, const struct survey *s, struct err *e)
{
	char file[100], *path;

	if (paths_is_path(arg))
		return fsx_strdup(arg);
	if (!jdoc_is_ident(arg)) {
		err_set(e, AS_EUSAGE, NULL, 0, 0, "'%s' is not a target id or "
		    "a path", arg);
		return NULL;
	}
	snprintf(file, sizeof(file), "%s.json", arg);
	if ((path = join3(s->dir, "targets", file)) == NULL) {
		err_nomem(e);
		return NULL;
	}
	if (!fsx_is_file(path))
		path = other_survey_target(path, file);
	if (path != NULL && !fsx_is_file(path)) {
		err_set(e, AS_EUSAGE, NULL, 0, 0, "survey '%s' has no target "
		    "profile '%s'; 'assess list targets' shows them", s->id,
		    arg);
		free(path);
		return NULL;
	}
	return path;
}

static int
add_lib(struct rules_place *p, const char *path, const char *display)
{
	size_t i;

	for (i = 0; i < p->nlibs; i++)
		if (strcmp(p->libs[i].path, path) == 0)
			return 0;
	p->libs[p->nlibs].path = fsx_strdup(path);
	p->libs[p->nlibs].display = fsx_strdup(display);
	p->nlibs++;
	return p->libs[p->nlibs - 1].path && p->libs[p->nlibs - 1].display ?
	    0 : -1;
}

int
paths_rules(const struct survey *s, const char *override,
    struct rules_place *out, struct err *e)
{
	char *bundled_rules = NULL, *dir = NULL, *libdir = NULL;
	char *libdisp = NULL, *bundled_lib = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if ((bundled_rules = fsx_join(paths_datadir(), "rules")) == NULL)
		goto nomem;
	if (override != NULL) {
		out->path = fsx_strdup(override);
		out->display = fsx_strdup(override);
	} else if ((out->path = fsx_join(s->dir, s->rules)) != NULL &&
	    fsx_is_file(out->path)) {
		out->display = fsx_strdup(out->path);
	} else {
		free(out->path);
		out->path = fsx_join(bundled_rules, s->rules);
		out->display = fsx_join("rules", s->rules);
	}
	if (out->path == NULL || out->display == NULL)
		goto nomem;
	if ((dir = fsx_dirname(out->path)) == NULL ||
	    (libdir = fsx_join(dir, "lib")) == NULL)
		goto nomem;
	free(dir);
	if ((dir = fsx_dirname(out->display)) == NULL ||
	    (libdisp = fsx_join(dir, "lib")) == NULL ||
	    (bundled_lib = fsx_join(bundled_rules, "lib")) == NULL)
		goto nomem;
	if (add_lib(out, libdir, libdisp) != 0 ||
	    add_lib(out, bundled_lib, "rules/lib") != 0)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
	paths_rules_release(out);
out:
	free(bundled_rules);
	free(dir);
	free(libdir);
	free(libdisp);
	free(bundled_lib);
	return rc;
}

void
paths_rules_release(struct rules_place *p)
{
	size_t i;

	free(p->path);
	free(p->display);
	for (i = 0; i < p->nlibs; i++) {
		free((char *)p->libs[i].path);
		free((char *)p->libs[i].display);
	}
	memset(p, 0, sizeof(*p));
}

/* ==== Listing bundled files ==== */

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
paths_names_release(struct paths_names *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof(*n));
}

/* Sorted entries of 'dir' that pass 'keep' (visible names only). */
int
paths_read_dir(const char *dir, int (*keep)(const char *dir,
    const char *name),
    struct paths_names *out, struct err *e)
{
	struct dirent *de;
	DIR *d;

	memset(out, 0, sizeof(*out));
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char **v;

		if (de->d_name[0] == '.' || !keep(dir, de->d_name))
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			if ((v = realloc(out->v, out->cap * sizeof(*v))) ==
			    NULL)
				goto nomem;
			out->v = v;
		}
		if ((out->v[out->n] = fsx_strdup(de->d_name)) == NULL)
			goto nomem;
		out->n++;
	}
	closedir(d);
	if (out->n > 1)	/* qsort must not be given NULL */
		qsort(out->v, out->n, sizeof(*out->v), cmp);
	return 0;
nomem:
	closedir(d);
	paths_names_release(out);
	return err_nomem(e);
}

int
paths_keep_survey(const char *dir, const char *name)
{
	char *sub = fsx_join(dir, name), *file = NULL;
	int yes;

	if (sub != NULL)
		file = fsx_join(sub, "survey.json");
	yes = file != NULL && fsx_is_file(file);
	free(sub);
	free(file);
	return yes;
}

int
paths_keep_json(const char *dir, const char *name)
{
	(void)dir;
	return fsx_is_json_name(name);
}


int
paths_survey_ids(struct paths_names *out, struct err *e)
{
	char *root = fsx_join(paths_datadir(), "surveys");
	int rc;

	if (root == NULL)
		return err_nomem(e);
	rc = paths_read_dir(root, paths_keep_survey, out, e);
	free(root);
	return rc;
}
