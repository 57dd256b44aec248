/*
 * gen.c - write a realistic, deterministic answers CSV for `make bench`.
 *
 *   gen [-s survey.json] [-n ROWS] [-m ORGS] [-S SEED] [-R] [-o FILE]
 *
 * The survey is read with the engine's own loader, so the questions, their
 * audiences, options, ranges and conditions are those the engine checks
 * against.  The file has the columns of the bundled examples: respondent,
 * organisation, role, submitted, one column per question in survey order,
 * an ID:evidence column after each question that asks for evidence, and an
 * ignored _note column.
 *
 * Each organisation has one coordinator row (role org, or an empty role
 * cell) answering every org-audience question; every other row is a
 * respondent in ops, staff, it or exec (a few in two roles) answering
 * only the questions of their roles.  Coordinators are spread evenly
 * through the file and the other rows are drawn from the organisations
 * with a skew (a few large organisations, many small ones), so the
 * organisations are interleaved as in a real export.  Each organisation
 * has a maturity that biases its answers, so the results vary.  About 8%
 * of the optional cells are left empty; allow-na questions sometimes say
 * na; some evidence and notes are quoted because they hold commas or
 * quotes.
 *
 * -R names the respondent column "_respondent", which the engine ignores:
 * the same bytes to parse, but no respondent ids, so no duplicate check.
 * Same arguments, same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "survey.h"

static uint64_t rng_state;

/* splitmix64: small, fast and the same everywhere */
static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
unif(void)
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

static int
chance(double p)
{
	return unif() < p;
}

static size_t
below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* An organisation's maturity, 0 to 1, fixed by its index. */
static double
maturity(size_t org, uint64_t seed)
{
	return (double)(mix(org * 2654435761ULL + seed) % 1001) / 1000.0;
}

/* ==== Output ==== */

static FILE *out;

/* A CSV field, quoted when it needs to be. */
static void
put_field(const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

/* ==== Organisation names ==== */

static const char *const topics[] = {
	"Transport", "Community Services", "Inland Water", "Health",
	"Education", "Environment", "Riverside", "Northern Region",
	"Heritage", "Emergency Management", "Treasury", "Housing",
	"Arts, Culture and Sport", "Fair Trading", "Lakeside", "Statistics",
};

/* "Department of Transport 0042", "Riverside Public Library 0007", ...;
 * a few have a comma and so are quoted. */
static void
org_name(size_t org, char *dst, size_t size)
{
	uint64_t h = mix(org + 17);
	const char *t = topics[h % (sizeof(topics) / sizeof(topics[0]))];
	unsigned long n = (unsigned long)org + 1;

	switch ((h >> 8) % 8) {
	case 0: snprintf(dst, size, "Department of %s %04lu", t, n); break;
	case 1: snprintf(dst, size, "%s Agency %04lu", t, n); break;
	case 2: snprintf(dst, size, "%s City Council %04lu", t, n); break;
	case 3: snprintf(dst, size, "%s Public Library %04lu", t, n); break;
	case 4: snprintf(dst, size, "Office of %s %04lu", t, n); break;
	case 5: snprintf(dst, size, "%s Authority %04lu", t, n); break;
	case 6: snprintf(dst, size, "%s Shire Council %04lu", t, n); break;
	default: snprintf(dst, size, "%s Health Service %04lu", t, n); break;
	}
}

/* ==== Answers ==== */

struct gen {
	const struct survey	*s;
	int			*picked;	/* per question: option, or -1 */
	unsigned long long	*multi;		/* per question: options */
	double			*num;		/* per question: number */
	int			*state;		/* 0 empty, 1 value, 2 na */
	char			 cell[1024];
};

/* A little noise around 0, in [-1, 1], peaked at 0. */
static double
noise(void)
{
	return unif() + unif() - 1.0;
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A choice biased by maturity: options are listed from the lowest level
 * to the highest in the bundled surveys; order them by level anyway. */
static int
pick_choice(const struct question *q, double m)
{
	int order[MAX_OPTIONS], n = 0, i, j, pos;

	for (i = 0; i < (int)q->nopts; i++) {
		if (q->opts[i].na)
			continue;
		for (j = n; j > 0 && q->opts[order[j - 1]].level >
		    q->opts[i].level; j--)
			order[j] = order[j - 1];
		order[j] = i;
		n++;
	}
	if (n == 0)
		return q->na_opt;
	pos = (int)(m * (n - 1) + 1.5 * noise() + 0.5);
	return order[clampi(pos, 0, n - 1)];
}

static void
gen_multi(struct gen *g, const struct question *q, size_t qi, double m)
{
	int plain[MAX_OPTIONS], n = 0, excl = -1, i, c;

	for (i = 0; i < (int)q->nopts; i++) {
		if (q->opts[i].exclusive || q->opts[i].na) {
			if (q->opts[i].exclusive && excl < 0)
				excl = i;
			continue;
		}
		plain[n++] = i;
	}
	c = clampi((int)(m * n + 2.0 * noise() + 0.5), 0, n);
	g->multi[qi] = 0;
	if (c == 0) {
		if (excl < 0) {
			g->state[qi] = 0;
			return;
		}
		g->multi[qi] = 1ULL << excl;
		g->num[qi] = 0;
		g->state[qi] = 1;
		return;
	}
	for (i = 0; i < c; i++) {	/* partial Fisher-Yates */
		int k = i + (int)below((size_t)(n - i)), t = plain[i];

		plain[i] = plain[k];
		plain[k] = t;
		g->multi[qi] |= 1ULL << plain[i];
	}
	g->num[qi] = c;
	g->state[qi] = 1;
}

static void
gen_number(struct gen *g, const struct question *q, size_t qi)
{
	double lo = q->has_min ? q->min : 0, hi = q->has_max ? q->max :
	    lo + 1000, u = unif(), v;

	/* most figures are small: hours, counts, a few percentages */
	v = lo + u * u * u * (hi - lo);
	if (chance(0.8))
		v = (double)(long long)v;
	else
		v = (double)(long long)(v * 10) / 10;
	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	g->num[qi] = v;
	g->state[qi] = 1;
}

static int
when_holds(const struct gen *g, const struct question *q)
{
	int r = q->when.q;
	const struct question *ref;

	if (q->when.op == W_NONE)
		return 1;
	if (r < 0 || g->state[r] != 1)
		return 0;
	ref = &g->s->qs[r];
	switch (q->when.op) {
	case W_EQ:
		return ref->type == Q_MULTI ? (g->multi[r] & q->when.vals) != 0 :
		    g->picked[r] >= 0 && ((q->when.vals >> g->picked[r]) & 1);
	case W_NE:
		return ref->type == Q_MULTI ? (g->multi[r] & q->when.vals) == 0 :
		    g->picked[r] >= 0 && !((q->when.vals >> g->picked[r]) & 1);
	case W_LT: return g->num[r] < q->when.num;
	case W_LE: return g->num[r] <= q->when.num;
	case W_GT: return g->num[r] > q->when.num;
	case W_GE: return g->num[r] >= q->when.num;
	case W_NONE: break;
	}
	return 1;
}

/* Decide one respondent's answers; 'roles' is a bit set of audiences. */
static void
gen_answers(struct gen *g, unsigned roles, double m, int coordinator)
{
	const struct survey *s = g->s;
	size_t i;

	for (i = 0; i < s->nq; i++) {
		const struct question *q = &s->qs[i];
		double mine = m + 0.25 * noise();

		g->state[i] = 0;
		g->picked[i] = -1;
		g->multi[i] = 0;
		g->num[i] = 0;
		if (!(q->audience & roles) || !when_holds(g, q))
			continue;
		if (!q->required && chance(coordinator ? 0.05 : 0.08))
			continue;
		if (q->allow_na && chance(0.03)) {
			g->state[i] = 2;
			continue;
		}
		switch (q->type) {
		case Q_SINGLE:
		case Q_LIKERT:
		case Q_YESNO:
			if (q->na_opt >= 0 && chance(0.03))
				g->picked[i] = q->na_opt;
			else
				g->picked[i] = pick_choice(q, mine);
			g->state[i] = g->picked[i] >= 0;
			break;
		case Q_MULTI:
			gen_multi(g, q, i, mine);
			break;
		case Q_NUMBER:
			gen_number(g, q, i);
			break;
		case Q_TEXT:
			g->state[i] = 1;
			break;
		}
	}
}

static const char *
cell_text(struct gen *g, size_t i)
{
	const struct question *q = &g->s->qs[i];
	size_t k, o = 0;

	if (g->state[i] == 0)
		return "";
	if (g->state[i] == 2)
		return "na";
	switch (q->type) {
	case Q_SINGLE:
	case Q_LIKERT:
	case Q_YESNO:
		return q->opts[g->picked[i]].value;
	case Q_MULTI:
		g->cell[0] = '\0';
		for (k = 0; k < q->nopts; k++)
			if (g->multi[i] & (1ULL << k))
				o += (size_t)snprintf(g->cell + o, sizeof(g->cell)
				    - o, "%s%s", o ? ";" : "", q->opts[k].value);
		return g->cell;
	case Q_NUMBER:
		if (g->num[i] == (double)(long long)g->num[i])
			snprintf(g->cell, sizeof(g->cell), "%lld",
			    (long long)g->num[i]);
		else
			snprintf(g->cell, sizeof(g->cell), "%.1f", g->num[i]);
		return g->cell;
	case Q_TEXT:
		snprintf(g->cell, sizeof(g->cell), "Answered in the %s "
		    "meeting, see \"notes\"", chance(0.5) ? "March" : "June");
		return g->cell;
	}
	return "";
}

static const char *const evidence[] = {
	"Policy register extract, March 2026",
	"https://intranet.example/policies/social-media.pdf",
	"Executive minute 2025/114",
	"Training register (2026)",
	"\"Online engagement guide\", version 3",
};

/* ==== Rows ==== */

struct rolemix {
	const char	*text;
	unsigned	 weight;
};

/* Who answers besides the coordinator: mostly a sample of staff, then the
 * people who run the accounts, executives, IT, and a few in two roles. */
static const struct rolemix mix_roles[] = {
	{ "staff", 55 }, { "ops", 20 }, { "exec", 9 }, { "it", 8 },
	{ "ops;staff", 6 }, { "ops;exec", 2 },
};

static unsigned
role_bits(const struct survey *s, const char *text)
{
	char buf[64], *tok, *save = NULL;
	unsigned bits = 0;
	int k;

	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		if ((k = survey_audience(s, tok)) < 0) {
			fprintf(stderr, "gen: the survey has no audience '%s'\n",
			    tok);
			exit(1);
		}
		bits |= 1u << k;
	}
	return bits;
}

static void
usage(void)
{
	fputs("usage: gen [-s survey.json] [-n ROWS] [-m ORGS] [-S SEED] [-R] "
	    "[-o FILE]\n", stderr);
	exit(2);
}

static unsigned long
num_arg(const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v == 0)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	const char *survey_path = "surveys/social-media-readiness/survey.json";
	const char *outpath = NULL;
	unsigned long rows = 1000, orgs = 20, seed = 20260401;
	unsigned rolebits[sizeof(mix_roles) / sizeof(mix_roles[0])];
	unsigned totalw = 0;
	int opt, no_ids = 0;
	struct err e = { 0 };
	struct survey *s;
	struct gen g;
	char name[160], id[32], date[16];
	size_t i, k, nextc = 0, coord = 0;
	static char obuf[1 << 20];

	while ((opt = getopt(argc, argv, "s:n:m:S:Ro:")) != -1) {
		switch (opt) {
		case 's': survey_path = optarg; break;
		case 'n': rows = num_arg(optarg); break;
		case 'm': orgs = num_arg(optarg); break;
		case 'S': seed = num_arg(optarg); break;
		case 'R': no_ids = 1; break;
		case 'o': outpath = optarg; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (orgs > rows) {
		fprintf(stderr, "gen: %lu organisations need at least as many "
		    "rows (one coordinator each); using %lu\n", orgs, rows);
		orgs = rows;
	}
	if ((s = survey_load(survey_path, &e)) == NULL) {
		err_print(&e, stderr);
		return 1;
	}
	if (survey_audience(s, "org") < 0) {
		fprintf(stderr, "gen: the survey has no 'org' audience\n");
		return 1;
	}
	for (k = 0; k < sizeof(mix_roles) / sizeof(mix_roles[0]); k++) {
		rolebits[k] = role_bits(s, mix_roles[k].text);
		totalw += mix_roles[k].weight;
	}
	memset(&g, 0, sizeof(g));
	g.s = s;
	g.picked = calloc(s->nq, sizeof(*g.picked));
	g.multi = calloc(s->nq, sizeof(*g.multi));
	g.num = calloc(s->nq, sizeof(*g.num));
	g.state = calloc(s->nq, sizeof(*g.state));
	if (!g.picked || !g.multi || !g.num || !g.state) {
		fputs("gen: out of memory\n", stderr);
		return 3;
	}
	out = stdout;
	if (outpath != NULL && (out = fopen(outpath, "w")) == NULL) {
		perror(outpath);
		return 3;
	}
	setvbuf(out, obuf, _IOFBF, sizeof(obuf));
	rng_state = seed;

	fputs(no_ids ? "_respondent" : "respondent", out);
	fputs(",organisation,role,submitted", out);
	for (i = 0; i < s->nq; i++) {
		fprintf(out, ",%s", s->qs[i].id);
		if (s->qs[i].evidence)
			fprintf(out, ",%s:evidence", s->qs[i].id);
	}
	fputs(",_note\n", out);

	for (i = 0; i < rows; i++) {
		size_t org;
		unsigned bits;
		const char *role;
		int coordinator = 0;

		/* coordinators spread evenly: org j's at row j*rows/orgs */
		if (coord < orgs && i == nextc) {
			org = coord++;
			nextc = (size_t)((unsigned long long)coord * rows / orgs);
			coordinator = 1;
			role = chance(0.2) ? "" : "org";
			bits = 1u << s->org_aud;
		} else {
			unsigned w = (unsigned)below(totalw);
			double u = unif();

			org = (size_t)((double)orgs * u * u);
			if (org >= orgs)
				org = orgs - 1;
			org = (size_t)(((unsigned long long)org * 7919) % orgs);
			for (k = 0; w >= mix_roles[k].weight; k++)
				w -= mix_roles[k].weight;
			role = mix_roles[k].text;
			bits = rolebits[k];
		}
		gen_answers(&g, bits, maturity(org, seed), coordinator);
		org_name(org, name, sizeof(name));
		snprintf(id, sizeof(id), "r%07zu", i + 1);
		snprintf(date, sizeof(date), "2026-%02u-%02u",
		    (unsigned)(1 + below(6)), (unsigned)(1 + below(28)));
		fputs(id, out);
		putc(',', out);
		put_field(name);
		putc(',', out);
		fputs(role, out);
		putc(',', out);
		fputs(date, out);
		for (k = 0; k < s->nq; k++) {
			putc(',', out);
			put_field(cell_text(&g, k));
			if (s->qs[k].evidence) {
				putc(',', out);
				if (g.state[k] == 1 && chance(0.4))
					put_field(evidence[below(sizeof(evidence)
					    / sizeof(evidence[0]))]);
			}
		}
		putc(',', out);
		if (chance(0.01))
			put_field("imported from the March round, row checked");
		putc('\n', out);
	}
	if (fflush(out) != 0 || ferror(out) || (out != stdout &&
	    fclose(out) != 0)) {
		perror(outpath ? outpath : "stdout");
		return 3;
	}
	free(g.picked);
	free(g.multi);
	free(g.num);
	free(g.state);
	survey_free(s);
	return 0;
}
