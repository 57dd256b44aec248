/*
 * fuzz_survey.c - bytes -> survey.json -> survey_load(), the call
 * `assess check` and `assess score -s FILE` make.
 *
 * The input is written to a file in a private temporary directory (as
 * jq's jq_fuzz_load_file does), so the whole real path runs: fsx_read's
 * checks and its NUL-terminated buffer, jdoc's strict scanner, cJSON's
 * cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1), then the schema and
 * cross-reference checks.  A survey that loads is then queried the way
 * the answers reader and the rules do, and its invariants checked.
 */
#include <string.h>

#include "err.h"
#include "fuzz.h"
#include "survey.h"

static void
check_survey(const struct survey *s)
{
	char allowed[256];
	size_t i, j, nq = 0;

	fz_check(s->ndims > 0 && s->nq > 0, "survey without questions");
	fz_check(s->nq <= MAX_QUESTIONS && s->ndims <= MAX_DIMENSIONS,
	    "survey over its limits");
	fz_check(s->org_aud >= 0 && (size_t)s->org_aud < s->naud,
	    "no org audience");
	for (i = 0; i < s->ndims; i++) {
		const struct dimension *d = &s->dims[i];

		fz_check(d->first == nq, "dimension %zu questions not "
		    "contiguous", i);
		nq += d->nq;
		fz_check(survey_dimension(s, d->id) == (int)i,
		    "dimension lookup");
		for (j = 0; j < d->nrecs; j++)
			fz_check(d->recs[j].from >= 1 && d->recs[j].from <
			    d->recs[j].to && d->recs[j].to <= NLEVELS,
			    "recommendation levels");
	}
	fz_check(nq == s->nq, "questions not all in dimensions");
	for (i = 0; i < s->naud; i++)
		fz_check(survey_audience(s, s->aud[i].id) == (int)i,
		    "audience lookup");
	for (i = 0; i < s->nq; i++) {
		const struct question *q = &s->qs[i];

		fz_check(survey_question(s, q->id) == (int)i,
		    "question lookup '%s'", q->id);
		fz_check(q->dim >= 0 && (size_t)q->dim < s->ndims &&
		    i >= s->dims[q->dim].first && i < s->dims[q->dim].first +
		    s->dims[q->dim].nq, "question %s dimension", q->id);
		fz_check(q->nopts <= MAX_OPTIONS, "too many options");
		fz_check(q->audience != 0 && (q->audience >> s->naud) == 0,
		    "question %s audience", q->id);
		for (j = 0; j < q->nopts; j++) {
			fz_check(survey_option(q, q->opts[j].value) == (int)j,
			    "option lookup %s=%s", q->id, q->opts[j].value);
			fz_check(q->opts[j].level >= 0 && q->opts[j].level <=
			    NLEVELS, "option level");
		}
		fz_check(q->na_opt < (int)q->nopts, "na option index");
		if (q->when.op != W_NONE)
			fz_check(q->when.q >= 0 && (size_t)q->when.q < i,
			    "question %s condition: not an earlier question",
			    q->id);
		for (j = 0; j < q->nbands; j++) {
			int l = survey_band_level(q, q->bands[j].min);

			fz_check(l >= 0 && l <= NLEVELS, "band level");
		}
		memset(allowed, 'x', sizeof(allowed));
		survey_allowed(q, allowed, sizeof(allowed));
		fz_check(memchr(allowed, '\0', sizeof(allowed)) != NULL,
		    "survey_allowed does not terminate");
		(void)survey_type_name(q->type);
	}
	for (i = 0; i < s->nsrc; i++)
		fz_check(survey_source(s, s->src[i].id) == (int)i,
		    "source lookup");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fz_tmpdir();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_write("survey.json", data, size);
	struct survey *s;
	struct err e;

	memset(&e, 0, sizeof(e));
	if ((s = survey_load(path, &e)) != NULL) {
		const char *why = fz_json_strict(data, size);

		fz_check(why == NULL, "survey_load accepted what is not strict "
		    "JSON: %s", why);
		check_survey(s);
	} else {
		fz_check(e.code != AS_OK && e.msg[0] != '\0',
		    "survey_load failed without a message");
		fz_check_position(&e, data, size);
	}
	survey_free(s);
	return 0;
}
