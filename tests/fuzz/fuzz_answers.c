/*
 * fuzz_answers.c - bytes -> an answers file -> source_read_file() into
 * agg_add(), then agg_count()/agg_org() and the per-question statistics,
 * as `assess score` does (agg_end_input() between reading and scoring).
 *
 * The first byte chooses the reader, the way the file name does for the
 * command line: an input starting with '{' is written to stdin.json and
 * read as assess-answers/1 JSON, anything else to stdin.csv and read by
 * the streaming CSV reader (libcsv, strict, line by line).  CSV input is
 * then read a second time as standard input ("-"), delivered in pieces,
 * and must give the same result (see read_stdin()): with -max_len=65536
 * a file never spans two of the reader's 64 KiB reads, so this is what
 * reaches the code that handles read boundaries.  The survey is
 * fixed: tests/data/mini, which has every question type, gates, a 'when'
 * condition, audiences and evidence.  Every organisation's aggregates are
 * then read back as score.c and luaconv.c read them, and the target
 * profile tests/data/mini/targets/mini-target.json is evaluated on them.
 */
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "answers.h"
#include "err.h"
#include "fuzz.h"
#include "score.h"
#include "survey.h"
#include "target.h"

static struct survey *s;
static struct target *t;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fz_tmpdir();
	fz_load_mini(&s, &t);
	return 0;
}

static int
sink(void *ctx, const struct response *r, struct err *e)
{
	size_t i;

	/* what agg_add may rely on */
	fz_check(r->org != NULL && r->org[0] != '\0' && strlen(r->org) <=
	    ANSWERS_NAME_MAX, "response without a valid organisation");
	fz_check(r->respondent == NULL || strlen(r->respondent) <=
	    ANSWERS_NAME_MAX, "respondent id too long");
	fz_check(r->roles != 0 && (r->roles >> s->naud) == 0,
	    "response roles %#x", r->roles);
	for (i = 0; i < s->nq; i++) {
		const struct answer *a = &r->ans[i];

		fz_check(a->level <= NLEVELS, "answer level %u", a->level);
		fz_check(a->state <= A_VALUE, "answer state");
		if (a->state == A_VALUE && (s->qs[i].type == Q_SINGLE ||
		    s->qs[i].type == Q_LIKERT || s->qs[i].type == Q_YESNO))
			fz_check(a->opt >= 0 && (size_t)a->opt <
			    s->qs[i].nopts, "answer option index");
		if (s->qs[i].nopts < 64)
			fz_check((a->multi >> s->qs[i].nopts) == 0,
			    "multi bits beyond the options");
	}
	return agg_add(ctx, r, e);
}

static void
check_acc(const struct view *v, const struct acc *c)
{
	size_t i;
	int k;

	for (i = 0; i < s->nq; i++) {
		const struct qstat *st = agg_qstat(v, c, (int)i);
		const struct numstat *ns = agg_numstat(v, c, (int)i);
		const uint32_t *opts = agg_options(v, c, (int)i);
		uint32_t levels = 0;

		if (st == NULL)
			continue;
		fz_check(st->answered + st->na + st->unanswered + st->skipped <=
		    c->respondents, "question %s counts %u+%u+%u+%u exceed "
		    "%u respondents", s->qs[i].id, st->answered, st->na,
		    st->unanswered, st->skipped, c->respondents);
		fz_check(st->evidenced <= st->answered, "evidence count");
		for (k = 0; k < NLEVELS; k++)
			levels += st->level[k];
		fz_check(levels <= st->answered, "level signals %u > answers "
		    "%u", levels, st->answered);
		if (opts != NULL && s->qs[i].type != Q_MULTI) {
			uint32_t sum = 0;

			for (k = 0; (size_t)k < s->qs[i].nopts; k++)
				sum += opts[k];
			fz_check(sum <= st->answered + st->na, "option counts");
		}
		if (ns != NULL && ns->n > 0)
			fz_check(ns->min <= ns->max && ns->n <= st->answered,
			    "numeric statistics");
	}
}

/* FUZZ_KEEP_FIRST_LINE=1: the first piece holds the whole first line
 * (up to a line end outside double quotes).
 * While the engine still sniffs the format, the byte-order mark and the
 * delimiter in the first read only (tests/fuzz/crashes/answers/
 * stdin-first-read-*), this lets a campaign look past that. */
static int
keep_first_line(void)
{
	static int v = -1;

	if (v < 0) {
		const char *e = getenv("FUZZ_KEEP_FIRST_LINE");

		v = e != NULL && e[0] != '\0' && e[0] != '0';
	}
	return v;
}

/* The same CSV bytes as standard input ("-", as in `assess score -`),
 * delivered in pieces: a SOCK_SEQPACKET socket returns one piece per
 * read(), so the reader's 64 KiB reads see exactly these boundaries, the
 * way a pipe from a slow producer can cut them.  The pieces are chosen
 * from a hash of the input (deterministic), often with a tiny first one:
 * the byte-order mark, the format sniffing and the delimiter detection
 * look at the first read only. */
static long
read_stdin(const uint8_t *data, size_t size, struct agg *a, struct err *e)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i, k, off = 0, piece;
	int sv[2], saved, q;
	long n;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)
		fz_setup_fail("socketpair", "");
	for (i = 0; off < size; i++) {
		h = h * 6364136223846793005ULL + 1442695040888963407ULL;
		if (i == 0) {
			piece = 1 + (size_t)(h >> 33) % 8;
			for (k = 0, q = 0; keep_first_line() && k < size &&
			    (q || (data[k] != '\n' && data[k] != '\r')); k++) {
				q ^= data[k] == '"';
				piece++;
			}
		}
		else if (i >= 24)
			piece = size - off;	/* few messages: no blocking */
		else
			piece = 1 + (size_t)(h >> 33) % (size / 4 + 2);
		if (piece > size - off)
			piece = size - off;
		if (write(sv[0], data + off, piece) != (ssize_t)piece)
			fz_setup_fail("write to the socket", "");
		off += piece;
	}
	shutdown(sv[0], SHUT_WR);
	saved = dup(STDIN_FILENO);
	dup2(sv[1], STDIN_FILENO);
	close(sv[1]);
	n = source_read_file("-", s, sink, a, e);
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(sv[0]);
	return n;
}

/* Read from the file and from standard input in pieces: same outcome. */
static void
compare_stdin(const uint8_t *data, size_t size, long n, const struct err *e,
    struct agg *a)
{
	struct agg *b;
	struct err e2;
	long n2;
	size_t i;

	memset(&e2, 0, sizeof(e2));
	if ((b = agg_new(s, &e2)) == NULL)
		fz_fail("agg_new: %s", e2.msg);
	n2 = read_stdin(data, size, b, &e2);
	agg_end_input(b);
	fz_check(n == n2, "the file gave %ld responses, the same bytes on "
	    "standard input %ld (%s)", n, n2, n < 0 ? e->msg : e2.msg);
	if (n < 0)
		fz_check(e->line == e2.line && e->col == e2.col &&
		    strcmp(e->msg, e2.msg) == 0, "the file failed with "
		    "%u:%u: %s; the same bytes on standard input with "
		    "%u:%u: %s", e->line, e->col, e->msg, e2.line, e2.col,
		    e2.msg);
	fz_check(agg_count(a) == agg_count(b), "organisations differ between "
	    "the file and standard input");
	for (i = 0; i < agg_count(a); i++)
		fz_check(strcmp(agg_org(a, i)->id, agg_org(b, i)->id) == 0 &&
		    agg_org(a, i)->all.respondents ==
		    agg_org(b, i)->all.respondents, "organisation %zu differs "
		    "between the file and standard input", i);
	agg_free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int json = size > 0 && data[0] == '{';
	/* named like standard input, whose default organisation is "stdin" */
	const char *path = fz_write(json ? "stdin.json" : "stdin.csv", data,
	    size);
	struct agg *a;
	struct err e;
	long n;
	size_t i, norgs, total = 0;
	int k;

	memset(&e, 0, sizeof(e));
	if ((a = agg_new(s, &e)) == NULL)
		fz_fail("agg_new: %s", e.msg);
	n = source_read_file(path, s, sink, a, &e);
	if (n < 0) {
		fz_check(e.code != AS_OK && e.msg[0] != '\0',
		    "answers_read failed without a message");
		fz_check_position(&e, data, size);
	} else if (json) {
		const char *why = fz_json_strict(data, size);

		fz_check(why == NULL, "the JSON answers reader accepted what is "
		    "not strict JSON: %s", why);
	}
	agg_end_input(a);	/* as cmd_score.c does after reading */
	norgs = agg_count(a);
	for (i = 0; i < norgs; i++) {
		const struct orgagg *oa = agg_org(a, i);
		const struct view *v = agg_view(a, -1);
		size_t j;

		fz_check(oa != NULL && oa->id != NULL, "agg_org(%zu)", i);
		if (i > 0)
			fz_check(strcmp(agg_org(a, i - 1)->id, oa->id) < 0,
			    "organisations not in id order");
		total += oa->all.respondents;
		check_acc(v, &oa->all);
		for (k = 0; (size_t)k < s->naud; k++)
			if (oa->role[k] != NULL) {
				fz_check(oa->role[k]->respondents <=
				    oa->all.respondents, "role respondents");
				check_acc(agg_view(a, k), oa->role[k]);
			}
		for (j = 0; j < t->npr; j++)
			(void)score_practice(s, &t->pr[j], v, &oa->all);
	}
	fz_check(total == agg_respondents(a), "respondents %zu != %zu", total,
	    agg_respondents(a));
	if (n >= 0)
		fz_check((size_t)n == agg_respondents(a), "answers_read "
		    "returned %ld, the aggregates hold %zu", n,
		    agg_respondents(a));
	if (!json)
		compare_stdin(data, size, n, &e, a);
	agg_free(a);
	return 0;
}
