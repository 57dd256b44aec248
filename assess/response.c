/*
 * response.c - cell values to answers, and a respondent's answers checked
 * against the survey.  The per-cell work of every answers file runs here:
 * options are found through the question's hash table (survey.c), and
 * nothing is allocated.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "response.h"

void
response_trim(const char **p, size_t *len)
{
	while (*len > 0 && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*len)--;
	}
	while (*len > 0 && ((*p)[*len - 1] == ' ' || (*p)[*len - 1] == '\t'))
		(*len)--;
}

static int
is_na(const char *s, size_t n)
{
	return n == 2 && tolower((unsigned char)s[0]) == 'n' &&
	    tolower((unsigned char)s[1]) == 'a';
}

/* The option 's' names (value or label), or -1 with 'msg' filled. */
static int
find_option(const struct question *q, const char *s, size_t n, char *msg,
    size_t size)
{
	char allowed[640], a[80], b[80];
	int k = survey_find_option(q, s, n), shown = (int)(n > 60 ? 60 : n);
	size_t i, first = q->nopts;

	if (k >= 0)
		return k;
	if (k == SURVEY_AMBIGUOUS) {
		for (i = 0; i < q->nopts; i++) {
			if (survey_is_label(q, i, s, n)) {
				if (first == q->nopts) {
					first = i;
					continue;
				}
				snprintf(a, sizeof(a), "%s", q->opts[first].value);
				snprintf(b, sizeof(b), "%s", q->opts[i].value);
				break;
			}
		}
		snprintf(msg, size, "%s: '%.*s' is the label of more than one "
		    "option (%s and %s); write the value instead", q->id,
		    shown, s, a, b);
		return -1;
	}
	survey_allowed_labels(q, allowed, sizeof(allowed));
	snprintf(msg, size, "%s: '%.*s' is not an option; expected a value "
	    "or its label: %s", q->id, shown, s, allowed);
	return -1;
}

static int
parse_choice(const struct question *q, const char *s, size_t n,
    struct answer *a, char *msg, size_t size)
{
	int k = find_option(q, s, n, msg, size);

	if (k < 0)
		return -1;
	a->opt = k;
	if (q->opts[k].na) {
		a->state = A_NA;
		return 0;
	}
	a->state = A_VALUE;
	a->level = (unsigned char)q->opts[k].level;
	return 0;
}

static int
multi_part(const struct question *q, const char *s, size_t n,
    struct answer *a, char *msg, size_t size)
{
	int k = find_option(q, s, n, msg, size);

	if (k < 0)
		return -1;
	if (a->multi & (1ULL << k)) {
		snprintf(msg, size, "%s: '%s' is chosen twice", q->id,
		    q->opts[k].value);
		return -1;
	}
	a->multi |= 1ULL << k;
	return 0;
}

static int
check_multi(const struct question *q, struct answer *a, char *msg,
    size_t size)
{
	size_t i, chosen = 0, counted = 0;
	int special = -1;

	for (i = 0; i < q->nopts; i++) {
		if (!(a->multi & (1ULL << i)))
			continue;
		chosen++;
		if (q->opts[i].na || q->opts[i].exclusive)
			special = (int)i;
		else
			counted++;
	}
	if (special >= 0 && chosen > 1) {
		snprintf(msg, size, "%s: '%s' cannot be combined with other "
		    "options", q->id, q->opts[special].value);
		return -1;
	}
	if (special >= 0 && q->opts[special].na) {
		a->state = A_NA;
		return 0;
	}
	a->state = A_VALUE;
	a->num = (double)counted;
	a->level = (unsigned char)survey_band_level(q, a->num);
	return 0;
}

static int
parse_multi(const struct question *q, const char *s, size_t n,
    struct answer *a, char *msg, size_t size)
{
	size_t i = 0;

	while (i <= n) {
		size_t j = i;
		const char *part;
		size_t plen;

		while (j < n && s[j] != ';')
			j++;
		part = s + i;
		plen = j - i;
		response_trim(&part, &plen);
		if (plen > 0 && multi_part(q, part, plen, a, msg, size) != 0)
			return -1;
		i = j + 1;
	}
	if (a->multi == 0)
		return 0;	/* only separators: unanswered */
	return check_multi(q, a, msg, size);
}

/* A whole number of up to 15 digits (no sign): exactly a double, the
 * one strtod() would give, without its general machinery. */
static double
small_whole(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return (double)v;
}

/* A plain decimal: optional minus, digits, optional fraction. */
static int
parse_decimal(const char *s, size_t n, double *out)
{
	char tmp[64];
	size_t i = 0, digits = 0, frac = 0;
	int neg = 0;

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	if (s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		digits++;
	if (i < n && s[i] == '.') {
		for (i++; i < n && isdigit((unsigned char)s[i]); i++)
			frac++;
		if (frac == 0)
			return -1;
	}
	if (i != n || digits == 0)
		return -1;
	if (frac == 0 && digits <= 15) {
		*out = small_whole(s + neg, digits);
		*out = neg ? -*out : *out;	/* "-0" is -0, as strtod has it */
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return isfinite(*out) ? 0 : -1;
}

static void
range_text(const struct question *q, char *dst, size_t size)
{
	if (q->has_min && q->has_max)
		snprintf(dst, size, "from %g to %g", q->min, q->max);
	else if (q->has_min)
		snprintf(dst, size, "at least %g", q->min);
	else
		snprintf(dst, size, "at most %g", q->max);
}

int
response_number(const struct question *q, double v, struct answer *a,
    char *msg, size_t size)
{
	char range[96];

	if ((q->has_min && v < q->min) || (q->has_max && v > q->max)) {
		range_text(q, range, sizeof(range));
		snprintf(msg, size, "%s: %g is outside the allowed range, %s%s%s",
		    q->id, v, range, q->unit ? " " : "", q->unit ? q->unit : "");
		return -1;
	}
	a->state = A_VALUE;
	a->num = v;
	a->level = (unsigned char)survey_band_level(q, v);
	return 0;
}

static int
parse_number(const struct question *q, const char *s, size_t n,
    struct answer *a, char *msg, size_t size)
{
	double v;
	int shown = (int)(n > 40 ? 40 : n);

	if (parse_decimal(s, n, &v) != 0) {
		if (memchr(s, ',', n) != NULL && memchr(s, '.', n) == NULL)
			snprintf(msg, size, "%s: '%.*s' has a comma; write "
			    "numbers with a '.' for decimals and no thousands "
			    "separator", q->id, shown, s);
		else
			snprintf(msg, size, "%s: '%.*s' is not a number", q->id,
			    shown, s);
		return -1;
	}
	return response_number(q, v, a, msg, size);
}

int
response_parse(const struct question *q, const char *text, size_t len,
    struct answer *a, char *msg, size_t size)
{
	const char *s = text;
	size_t n = len;

	memset(a, 0, sizeof(*a));
	a->opt = -1;
	if (q->type != Q_TEXT)
		response_trim(&s, &n);
	else if (n > 0 && (text[0] == ' ' || text[0] == '\t' ||
	    text[0] == '\r' || text[0] == '\n') &&
	    strspn(text, " \t\r\n") >= n)
		n = 0;		/* only white space: unanswered */
	if (n == 0)
		return 0;
	if (is_na(s, n) && (q->type == Q_NUMBER || q->type == Q_TEXT ||
	    survey_find_option(q, s, n) < 0)) {
		if (!q->allow_na) {
			snprintf(msg, size, "%s: 'na' (not applicable) is not an "
			    "allowed answer to this question", q->id);
			return -1;
		}
		a->state = A_NA;
		a->opt = q->na_opt;
		return 0;
	}
	switch (q->type) {
	case Q_SINGLE:
	case Q_LIKERT:
	case Q_YESNO:
		return parse_choice(q, s, n, a, msg, size);
	case Q_MULTI:
		return parse_multi(q, s, n, a, msg, size);
	case Q_NUMBER:
		return parse_number(q, s, n, a, msg, size);
	case Q_TEXT:
		a->state = A_VALUE;
		return 0;
	}
	return 0;
}

int
response_roles(const struct survey *s, const char *text, size_t len,
    unsigned *roles, char *msg, size_t size)
{
	size_t i = 0;

	*roles = 0;
	while (i <= len) {
		size_t j = i, k;
		const char *part;
		size_t plen;

		while (j < len && text[j] != ';')
			j++;
		part = text + i;
		plen = j - i;
		response_trim(&part, &plen);
		i = j + 1;
		if (plen == 0)
			continue;
		for (k = 0; k < s->naud; k++)
			if (strlen(s->aud[k].id) == plen &&
			    strncasecmp(s->aud[k].id, part, plen) == 0)
				break;
		if (k == s->naud) {
			char list[512];
			size_t o = 0;

			for (k = 0; k < s->naud && o < sizeof(list); k++)
				o += (size_t)snprintf(list + o, sizeof(list) - o,
				    "%s%s", k ? ", " : "", s->aud[k].id);
			snprintf(msg, size, "role '%.*s' is not an audience of "
			    "this survey; expected one of %s",
			    (int)(plen > 40 ? 40 : plen), part, list);
			return -1;
		}
		*roles |= 1u << k;
	}
	if (*roles == 0)
		*roles = 1u << s->org_aud;
	return 0;
}

static int
when_holds(const struct question *q, const struct response *r)
{
	const struct answer *ref = &r->ans[q->when.q];

	if (q->when.op == W_NONE)
		return 1;
	if (!ref->asked || ref->state != A_VALUE)
		return 0;
	switch (q->when.op) {
	case W_EQ:
		return ref->opt >= 0 ? (q->when.vals >> ref->opt) & 1 :
		    (ref->multi & q->when.vals) != 0;
	case W_NE:
		return ref->opt >= 0 ? !((q->when.vals >> ref->opt) & 1) :
		    (ref->multi & q->when.vals) == 0;
	case W_LT:
		return ref->num < q->when.num;
	case W_LE:
		return ref->num <= q->when.num;
	case W_GT:
		return ref->num > q->when.num;
	case W_GE:
		return ref->num >= q->when.num;
	case W_NONE:
		break;
	}
	return 1;
}

static void
audience_text(const struct survey *s, unsigned set, char *dst, size_t size)
{
	size_t k, o = 0;

	dst[0] = '\0';
	for (k = 0; k < s->naud && o < size; k++)
		if (set & (1u << k))
			o += (size_t)snprintf(dst + o, size - o, "%s%s",
			    o ? ", " : "", s->aud[k].id);
}

/* An answer given to a question not asked of this respondent. */
static int
not_asked(const struct survey *s, const struct question *q,
    const struct response *r, int in_aud, char *msg, size_t size)
{
	char who[256], roles[256];

	if (in_aud) {
		snprintf(msg, size, "%s is only asked when %s, which does not "
		    "hold for this respondent", q->id, q->when.text);
		return -1;
	}
	audience_text(s, q->audience, who, sizeof(who));
	audience_text(s, r->roles, roles, sizeof(roles));
	snprintf(msg, size, "%s is asked of %s, but this respondent's role "
	    "is %s", q->id, who, roles);
	return -1;
}

static int
required(const struct question *q, char *msg, size_t size)
{
	snprintf(msg, size, "%s must be answered by this respondent, but is "
	    "empty", q->id);
	return -1;
}

/* Every question of the survey, in order. */
static int
check_all(const struct survey *s, struct response *r, int *badq,
    char *msg, size_t size)
{
	/* locals: every store to an answer's flags could alias the rest */
	const struct question *qs = s->qs;
	const unsigned *qaud = s->qaud;
	struct answer *ans = r->ans;
	const unsigned roles = r->roles;
	int *fold = r->fold;
	size_t i, nq = s->nq, nfold = 0;

	for (i = 0; i < nq; i++) {
		const struct question *q = &qs[i];
		int given = ans[i].state != A_EMPTY, asked;

		*badq = (int)i;
		if (!(qaud[i] & roles)) {	/* not in the audience */
			ans[i].asked = ans[i].skipped = 0;
			if (given)
				return not_asked(s, q, r, 0, msg, size);
			continue;
		}
		asked = q->when.op == W_NONE || when_holds(q, r);
		ans[i].asked = (unsigned char)asked;
		ans[i].skipped = (unsigned char)!asked;
		if (given && !asked)
			return not_asked(s, q, r, 1, msg, size);
		if (!given && asked && q->required)
			return required(q, msg, size);
		if (fold != NULL && (given || !asked))
			fold[nfold++] = (int)i;
	}
	r->nfold = nfold;
	return 0;
}

/* Only the questions of the audience 'ps' and those given: the rest are
 * not asked, their flags already clear.  The first question in survey
 * order that fails is the one reported, as check_all() has it. */
static int
check_planned(const struct survey *s, struct response *r,
    const struct plan_set *ps, int *badq, char *msg, size_t size)
{
	const struct question *qs = s->qs;
	struct answer *ans = r->ans;
	int *fold = r->fold;
	size_t k, nfold = 0, out = s->nq;	/* first given, not asked */

	for (k = 0; k < r->ngiven; k++) {
		size_t i = (size_t)r->given[k];

		if (i < out && ans[i].state != A_EMPTY &&
		    !(s->qaud[i] & r->roles))
			out = i;
	}
	for (k = 0; k < ps->n && (size_t)ps->qs[k].q < out; k++) {
		const struct plan_q *pq = &ps->qs[k];
		int i = pq->q, given = ans[i].state != A_EMPTY, asked;

		*badq = i;
		asked = !pq->cond || when_holds(&qs[i], r);
		ans[i].asked = (unsigned char)asked;
		ans[i].skipped = (unsigned char)!asked;
		if (given && !asked)
			return not_asked(s, &qs[i], r, 1, msg, size);
		if (!given && asked && pq->required)
			return required(&qs[i], msg, size);
		if (fold != NULL && (given || !asked))
			fold[nfold++] = i;
	}
	if (out < s->nq) {
		*badq = (int)out;
		return not_asked(s, &qs[out], r, 0, msg, size);
	}
	r->nfold = nfold;
	return 0;
}

void
response_plan_release(struct response_plan *p)
{
	size_t k;

	for (k = 0; k < PLAN_SETS; k++)
		free(p->set[k].qs);
	memset(p, 0, sizeof(*p));
}

/* The questions asked of role set 'roles', kept in plan 'p'. */
static const struct plan_set *
plan_set(struct response_plan *p, const struct survey *s, unsigned roles)
{
	struct plan_set *ps;
	size_t k;

	for (k = 0; k < PLAN_SETS; k++)
		if (p->set[k].roles == roles)
			return &p->set[k];
	ps = &p->set[p->next++ % PLAN_SETS];
	if (ps->qs == NULL &&
	    (ps->qs = malloc((s->nq ? s->nq : 1) * sizeof(*ps->qs))) == NULL)
		return NULL;
	ps->roles = roles;
	for (ps->n = 0, k = 0; k < s->nq; k++) {
		if (!(s->qaud[k] & roles))
			continue;
		ps->qs[ps->n].q = (int)k;
		ps->qs[ps->n].cond = s->qs[k].when.op != W_NONE;
		ps->qs[ps->n++].required = (unsigned char)(s->qs[k].required != 0);
	}
	return ps;
}

/* Clear the flags the last check set, when the role set differs. */
static void
plan_clear(struct response_plan *p, const struct survey *s,
    struct answer *ans, unsigned roles)
{
	size_t k;

	if (p->last == roles)
		return;
	for (k = 0; p->last != 0 && k < PLAN_SETS; k++)
		if (p->set[k].roles == p->last)
			break;
	if (p->last != 0 && k < PLAN_SETS) {
		const struct plan_set *ps = &p->set[k];

		for (k = 0; k < ps->n; k++)
			ans[ps->qs[k].q].asked = ans[ps->qs[k].q].skipped = 0;
	} else {
		for (k = 0; k < s->nq; k++)
			ans[k].asked = ans[k].skipped = 0;
	}
	p->last = 0;
}

int
response_check(const struct survey *s, struct response *r, int *badq,
    char *msg, size_t size)
{
	struct response_plan *p = r->plan;
	const struct plan_set *ps = NULL;
	int rc;

	r->checked = 0;
	if (p != NULL && r->given != NULL && r->roles != 0) {
		plan_clear(p, s, r->ans, r->roles);
		ps = plan_set(p, s, r->roles);
	}
	rc = ps != NULL ? check_planned(s, r, ps, badq, msg, size) :
	    check_all(s, r, badq, msg, size);
	if (p != NULL)
		p->last = rc == 0 && ps != NULL ? r->roles : 0;
	r->checked = rc == 0;
	return rc;
}
