/*
 * paths.h - where bundled surveys, targets and rules are, and how command
 * line arguments name them.
 *
 * The data directory is $ASSESS_PATH if set; else the source tree the
 * binary was built in, when it runs from a checkout (build/assess next to
 * surveys/ and rules/); else the installed $(PREFIX)/share/assess.
 */
#ifndef ASSESS_PATHS_H
#define ASSESS_PATHS_H

#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "survey.h"

#define PATHS_DEFAULT_SURVEY "social-media-readiness"

/* The data directory (never NULL; may not exist). */
const char *paths_datadir(void);

/* A survey given as a bundled id or a path: the file to load
 * (malloc'd), or NULL with an error. */
char *paths_survey(const char *arg, struct err *e);

/* A target given as an id (looked up in the survey's targets/ folder) or
 * a path. */
char *paths_target(const char *arg, const struct survey *s, struct err *e);

/* The rule file of survey 's' (or 'override'), how to name it in
 * messages, and the folders assess.import() searches. */
struct rules_place {
	char			*path, *display;
	struct rules_dir	 libs[2];
	size_t			 nlibs;
};

int paths_rules(const struct survey *s, const char *override,
    struct rules_place *out, struct err *e);
void paths_rules_release(struct rules_place *p);

/* 1 if 'arg' names a file rather than a bundled id. */
int paths_is_path(const char *arg);

/* Names in a folder, sorted. */
struct paths_names {
	char	**v;
	size_t	  n, cap;
};

void paths_names_release(struct paths_names *n);

/* The sorted visible entries of 'dir' that pass 'keep' (none when 'dir'
 * cannot be read). */
int paths_read_dir(const char *dir, int (*keep)(const char *dir,
    const char *name), struct paths_names *out, struct err *e);

/* Filters for paths_read_dir(): a folder holding a survey.json; a file
 * named *.json. */
int paths_keep_survey(const char *dir, const char *name);
int paths_keep_json(const char *dir, const char *name);

/* The ids of the bundled surveys, sorted. */
int paths_survey_ids(struct paths_names *out, struct err *e);

#endif
