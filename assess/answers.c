/*
 * answers.c - the answers CSV as an answer source: header columns to
 * questions, cells to checked responses.
 *
 * csvin.c reads the text; this file gives the columns their meaning.
 * Nothing from a record that fails survives: the first error stops the
 * read (for assess check, a row with bad values is reported and skipped
 * instead).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "memo.h"
#include "csvin.h"
#include "date.h"
#include "fsx.h"
#include "suggest.h"
#include "swar.h"

enum colkind { COL_IGNORE, COL_RESPONDENT, COL_ORG, COL_ROLE, COL_SUBMITTED,
	COL_QUESTION, COL_EVIDENCE };

struct col {
	enum colkind	 kind;
	int		 q;
	int		 kept;		/* a choice: its cells are cached */
};

#define NSPECIAL	4	/* respondent, organisation, role, submitted */

/* What a choice question's cell text gave, kept by the text: a column
 * holds a handful of texts, over and over.  Each question has CACHE_SLOTS
 * of them, made when it is first answered; a text may sit in one of two
 * slots its hash picks.  Longer texts are simply read every time. */
#define CACHE_SLOTS	32
#define CACHE_TEXT	90

struct cslot {
	unsigned short	 len;		/* the text's length + 1; 0: empty */
	char		 text[CACHE_TEXT];
	struct answer	 a;
};

struct csvr {
	const struct survey	*s;
	const char		*path;
	struct csvin		*c;		/* the record being read */
	char			 deforg[ANSWERS_NAME_MAX + 1];
	int			 header_done;
	size_t			*evcols;	/* the evidence columns */
	size_t			 nevidence;
	char			 org[ANSWERS_NAME_MAX + 1];
	char			 resp[ANSWERS_NAME_MAX + 1];
	char			 submitted[ANSWERS_DATE_MAX + 1];
	struct col		*cols;
	size_t			 ncols;
	int			*qcol;		/* question -> column, or -1 */
	int			*given;		/* the questions the row answers */
	size_t			 ngiven;
	size_t			*evgiven;	/* its evidence cells */
	size_t			 nevgiven;
	size_t			 special[NSPECIAL];	/* the other columns
							   read, in order */
	size_t			 nspecial;
	struct answer		*ans;
	int			*fold;		/* room for response.fold */
	struct response_plan	 plan;		/* for response_check() */
	struct cslot		**cache;	/* per question, or NULL */
	struct memo		 roles;		/* role cells read */
	answers_sink		 sink;
	void			*ctx;
	struct err		*e;
	long			 rows;
	answers_bad		 bad;		/* set: report bad rows, go on */
	void			*bad_ctx;
	int			 keep_going;	/* no limit, and not an error */
	unsigned		 limit, nbad;
};

static const char *
field(const struct csvr *r, size_t i)
{
	return csvin_field(r->c, i, NULL);
}

static size_t
flen(const struct csvr *r, size_t i)
{
	size_t n;

	csvin_field(r->c, i, &n);
	return n;
}

#define fail_at(r, line, col, ...) csvin_fail((r)->c, line, col, __VA_ARGS__)

/* ==== The header ==== */

static int
reserved(const char *name, size_t n)
{
	static const struct {
		const char	*name;
		enum colkind	 kind;
	} names[] = {
		{ "respondent", COL_RESPONDENT }, { "organisation", COL_ORG },
		{ "organization", COL_ORG }, { "org", COL_ORG },
		{ "role", COL_ROLE }, { "submitted", COL_SUBMITTED },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    strncasecmp(name, names[i].name, n) == 0)
			return (int)names[i].kind;
	return -1;
}

static int
unknown_column(struct csvr *r, const char *name, size_t col)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, name);
	for (i = 0; i < r->s->nq; i++)
		suggest_try(&sg, r->s->qs[i].id);
	suggest_try(&sg, "organisation");
	suggest_try(&sg, "respondent");
	if (sg.best != NULL)
		return fail_at(r, csvin_line(r->c), col, "unknown column '%.64s': not "
		    "a question of survey '%s'; did you mean '%s'?", name,
		    r->s->id, sg.best);
	return fail_at(r, csvin_line(r->c), col, "unknown column '%.64s': not a "
	    "question of survey '%s' (columns starting with '_' or '#' are "
	    "ignored)", name, r->s->id);
}

static int
map_column(struct csvr *r, size_t i, struct col *c)
{
	const char *name = field(r, i), *colon;
	size_t len = flen(r, i);
	char base[80];
	int k;

	response_trim(&name, &len);
	if (len == 0)
		return fail_at(r, csvin_line(r->c), i + 1, "column %zu has no "
		    "name", i + 1);
	if (name[0] == '_' || name[0] == '#')
		return 0;
	if (len >= sizeof(base))
		return unknown_column(r, name, i + 1);
	memcpy(base, name, len);
	base[len] = '\0';
	if ((k = reserved(base, len)) >= 0) {
		c->kind = (enum colkind)k;
		return 0;
	}
	c->kind = COL_QUESTION;
	if ((colon = strchr(base, ':')) != NULL) {
		if (strcasecmp(colon, ":evidence") != 0)
			return unknown_column(r, base, i + 1);
		base[colon - base] = '\0';
		c->kind = COL_EVIDENCE;
	}
	if ((c->q = survey_answer_question(r->s, base)) < 0)
		return unknown_column(r, base, i + 1);
	if (c->kind == COL_EVIDENCE && !r->s->qs[c->q].evidence)
		return fail_at(r, csvin_line(r->c), i + 1, "%s does not ask for "
		    "evidence, so it has no evidence column", r->s->qs[c->q].id);
	return 0;
}

static int
same_column(const struct col *a, const struct col *b)
{
	if (a->kind != b->kind || a->kind == COL_IGNORE)
		return 0;
	return (a->kind != COL_QUESTION && a->kind != COL_EVIDENCE) ||
	    a->q == b->q;
}

static int
read_header(struct csvr *r)
{
	size_t i, j;

	if ((r->cols = calloc(csvin_nf(r->c), sizeof(*r->cols))) == NULL ||
	    (r->evcols = calloc(csvin_nf(r->c), sizeof(*r->evcols))) == NULL ||
	    (r->given = calloc(csvin_nf(r->c), sizeof(*r->given))) == NULL ||
	    (r->evgiven = calloc(csvin_nf(r->c), sizeof(*r->evgiven))) ==
	    NULL ||
	    (r->qcol = malloc(r->s->nq * sizeof(*r->qcol))) == NULL)
		return err_nomem(r->e);
	r->ncols = csvin_nf(r->c);
	for (i = 0; i < r->s->nq; i++)
		r->qcol[i] = -1;
	for (i = 0; i < csvin_nf(r->c); i++) {
		if (map_column(r, i, &r->cols[i]) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (same_column(&r->cols[i], &r->cols[j]))
				return fail_at(r, csvin_line(r->c), i + 1, "column "
				    "'%.64s' appears twice (columns %zu and %zu)",
				    field(r, i), j + 1, i + 1);
		switch (r->cols[i].kind) {
		case COL_QUESTION:
			r->qcol[r->cols[i].q] = (int)i;
			r->cols[i].kept = r->s->qs[r->cols[i].q].type != Q_NUMBER &&
			    r->s->qs[r->cols[i].q].type != Q_TEXT;
			break;
		case COL_EVIDENCE:
			r->evcols[r->nevidence++] = i;
			break;
		case COL_IGNORE:
			break;
		default:	/* each appears once: same_column() */
			r->special[r->nspecial++] = i;
			break;
		}
	}
	r->header_done = 1;
	return 0;
}

/* ==== Records ==== */

/* A trimmed name cell, copied into 'dst' (ANSWERS_NAME_MAX + 1 bytes). */
static int
name_cell(struct csvr *r, size_t i, const char *what, char *dst)
{
	const char *f = field(r, i);
	size_t n = flen(r, i);

	response_trim(&f, &n);
	if (n > ANSWERS_NAME_MAX)
		return fail_at(r, csvin_line(r->c), i + 1, "the %s is longer than %d "
		    "bytes", what, ANSWERS_NAME_MAX);
	memcpy(dst, f, n);
	dst[n] = '\0';
	return 0;
}

/* The date a response was submitted: empty, or starting with a
 * YYYY-MM-DD date (a time may follow). */
static int
date_cell(struct csvr *r, size_t i, struct response *resp)
{
	const char *f = field(r, i);
	size_t n = flen(r, i);

	response_trim(&f, &n);
	if (n == 0)
		return 0;
	if (date_parse(f, n, r->submitted) != 0)
		return fail_at(r, csvin_line(r->c), i + 1, "submitted: '%.40s' "
		    "is not a date; write it as YYYY-MM-DD", f);
	resp->submitted = r->submitted;
	return 0;
}

/* The slot holding text f[0..n) in 'c' (*hit set), or the one to keep
 * it in. */
static struct cslot *
cache_slot(struct cslot *c, const char *f, size_t n, int *hit)
{
	uint32_t h = (uint32_t)swar_hash(f, n);
	struct cslot *x = &c[h % CACHE_SLOTS];
	struct cslot *y = &c[(h / CACHE_SLOTS) % CACHE_SLOTS];

	*hit = 1;
	if (x->len == n + 1 && memcmp(x->text, f, n) == 0)
		return x;
	if (y->len == n + 1 && memcmp(y->text, f, n) == 0)
		return y;
	*hit = 0;
	return x->len != 0 && y->len == 0 ? y : x;
}

/* An answer cell of column 'c' as response_parse() reads it, or as the
 * same text of the same question gave before (choices only, as decided
 * from the header: numbers and texts rarely repeat).  Only answers are
 * kept, never errors: every message comes from response_parse(). */
static int
parse_answer(struct csvr *r, const struct col *c, const char *f, size_t n,
    char *msg, size_t size)
{
	int q = c->q, hit = 0;
	struct answer *a = &r->ans[q];
	struct cslot *slot = NULL;

	if (c->kept && n < CACHE_TEXT) {
		if (r->cache[q] == NULL)
			r->cache[q] = calloc(CACHE_SLOTS, sizeof(**r->cache));
		if (r->cache[q] != NULL)
			slot = cache_slot(r->cache[q], f, n, &hit);
		if (hit) {
			*a = slot->a;
			return 0;
		}
	}
	if (response_parse(&r->s->qs[q], f, n, a, msg, size) != 0)
		return -1;
	if (slot != NULL) {
		memcpy(slot->text, f, n);
		slot->len = (unsigned short)(n + 1);
		slot->a = *a;
	}
	return 0;
}

/* The role cell: the audiences it names, as the same text gave before. */
static int
role_cell(struct csvr *r, size_t i, struct response *resp)
{
	char msg[700];
	const char *f = field(r, i);
	size_t n = flen(r, i);
	const struct buf *v = memo_get(&r->roles, f, n);

	if (v != NULL && v->len == sizeof(resp->roles)) {
		memcpy(&resp->roles, v->data, sizeof(resp->roles));
		return 0;
	}
	if (response_roles(r->s, f, n, &resp->roles, msg, sizeof(msg)) != 0)
		return fail_at(r, csvin_line(r->c), i + 1, "%s", msg);
	memo_put(&r->roles, f, n, &resp->roles, sizeof(resp->roles));
	return 0;
}

/* A column other than a question's or its evidence. */
static int
special_cell(struct csvr *r, size_t i, struct response *resp)
{
	switch (r->cols[i].kind) {
	case COL_ORG:
		if (name_cell(r, i, "organisation", r->org) != 0)
			return -1;
		if (r->org[0] == '\0')
			return fail_at(r, csvin_line(r->c), i + 1, "the "
			    "organisation is empty");
		resp->org = r->org;
		return 0;
	case COL_RESPONDENT:
		if (name_cell(r, i, "respondent id", r->resp) != 0)
			return -1;
		resp->respondent = r->resp;
		resp->rline = csvin_field_line(r->c, i);
		resp->rcol = (unsigned)i + 1;
		return 0;
	case COL_SUBMITTED:
		return date_cell(r, i, resp);
	case COL_ROLE:
		return role_cell(r, i, resp);
	default:
		return 0;
	}
}

/* Any of the eight lengths from 'len' not zero. */
static int
any8(const size_t *len)
{
	return (len[0] | len[1] | len[2] | len[3] | len[4] | len[5] | len[6] |
	    len[7]) != 0;
}

/* The record's non-empty cells of questions and evidence, in column
 * order (most cells are empty: eight at a time are passed over): the
 * column of the first answer that fails (with 'msg' filled), or
 * r->ncols.  Only the answers the previous record gave are reset. */
static size_t
read_answers(struct csvr *r, char *msg, size_t size)
{
	const size_t *len;
	const char *const *cell = csvin_fields(r->c, &len);
	struct answer *ans = r->ans;
	size_t b, i, k, n = r->ncols;

	for (k = 0; k < r->ngiven; k++) {
		ans[r->given[k]].state = A_EMPTY;
		ans[r->given[k]].evidence = 0;
	}
	r->ngiven = r->nevgiven = 0;
	for (b = 0; b < n; b += 8) {
		if (b + 8 <= n && !any8(len + b))
			continue;
		for (i = b; i < b + 8 && i < n; i++) {
			const struct col *c = &r->cols[i];

			if (len[i] == 0 || c->kind == COL_IGNORE)
				continue;
			if (c->kind == COL_EVIDENCE) {
				r->evgiven[r->nevgiven++] = i;
			} else if (c->kind == COL_QUESTION) {
				r->given[r->ngiven++] = c->q;
				if (parse_answer(r, c, cell[i], len[i], msg,
				    size) != 0)
					return i;
			}
		}
	}
	return n;
}

/* Evidence after the answers it belongs to, whatever the order. */
static int
read_evidence(struct csvr *r)
{
	const size_t *len;
	const char *const *cell = csvin_fields(r->c, &len);
	size_t j, q;

	for (j = 0; j < r->nevgiven; j++) {
		size_t col = r->evgiven[j], n = len[col];
		const char *f = cell[col];

		response_trim(&f, &n);
		if (n == 0)
			continue;
		q = (size_t)r->cols[col].q;
		if (r->ans[q].state == A_EMPTY)
			return fail_at(r, csvin_line(r->c), col + 1, "%s: "
			    "evidence is given but the question is not "
			    "answered", r->s->qs[q].id);
		r->ans[q].evidence = 1;
	}
	return 0;
}

/* The record's cells, the first bad one (in column order) reported. */
static int
fill_response(struct csvr *r, struct response *resp)
{
	char msg[700];
	size_t bad, k;

	resp->org = r->deforg;
	bad = read_answers(r, msg, sizeof(msg));
	for (k = 0; k < r->nspecial && r->special[k] < bad; k++)
		if (special_cell(r, r->special[k], resp) != 0)
			return -1;
	if (bad < r->ncols)
		return fail_at(r, csvin_line(r->c), bad + 1, "%s", msg);
	if (read_evidence(r) != 0)
		return -1;
	resp->given = r->given;
	resp->ngiven = r->ngiven;
	resp->org_from_file = resp->org == r->deforg;
	return 0;
}

static int
check_response(struct csvr *r, struct response *resp)
{
	char msg[700];
	int badq, col;

	if (response_check(r->s, resp, &badq, msg, sizeof(msg)) == 0)
		return 0;
	col = r->qcol[badq];
	if (col < 0)
		return fail_at(r, csvin_line(r->c), 0, "%s (the file has no %s column)",
		    msg, r->s->qs[badq].id);
	return fail_at(r, csvin_line(r->c), (size_t)col + 1, "%s", msg);
}

/* A row has just failed with 'e' set.  Reading normally stops; with a
 * 'bad' callback (assess check) a row with bad input is reported and
 * skipped, up to the limit. */
static int
skip_row(struct csvr *r)
{
	if (r->bad == NULL || r->e->code != AS_EINPUT)
		return -1;
	if (!r->keep_going && r->nbad == r->limit)
		return err_set(r->e, AS_EINPUT, r->path, 0, 0, "more than %u "
		    "rows with errors; stopped there", r->limit);
	r->bad(r->bad_ctx, r->e);
	r->nbad++;
	return 0;
}

static int
process_record(struct csvr *r)
{
	struct response resp;

	if (!r->header_done)	/* blank lines before the header are skipped */
		return csvin_nf(r->c) == 1 && csvin_blank(r->c) ? 0 : read_header(r);
	if (csvin_nf(r->c) != r->ncols) {
		if (csvin_blank(r->c))
			return 0;
		if (csvin_nf(r->c) < r->ncols)
			fail_at(r, csvin_now(r->c), csvin_nf(r->c) + 1, "this row has %zu fields "
			    "but the header has %zu", csvin_nf(r->c), r->ncols);
		else
			fail_at(r, csvin_line(r->c), r->ncols + 1, "this row has %zu "
			    "fields but the header has %zu", csvin_nf(r->c), r->ncols);
		return skip_row(r);
	}
	if (csvin_blank(r->c))
		return 0;
	/* r->ans keeps its state between rows: every question with a column
	 * is set from its cell, the others were zeroed once and stay empty */
	memset(&resp, 0, sizeof(resp));
	resp.file = r->path;
	resp.line = csvin_line(r->c);
	resp.ans = r->ans;
	resp.fold = r->fold;
	resp.plan = &r->plan;
	resp.roles = 1u << r->s->org_aud;
	if (fill_response(r, &resp) != 0 || check_response(r, &resp) != 0)
		return skip_row(r);
	if (r->sink(r->ctx, &resp, r->e) != 0)
		return skip_row(r);
	r->rows++;
	return 0;
}

static int
on_record(void *ctx, struct csvin *c)
{
	struct csvr *r = ctx;

	r->c = c;
	return process_record(r);
}

/* ==== The source ==== */

void
answers_default_org(const char *path, char *out, size_t size)
{
	const char *base = strcmp(path, "-") == 0 ? "stdin" :
	    fsx_basename(path);
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot != base ? (size_t)(dot - base) :
	    strlen(base);

	if (n >= size)
		n = size - 1;
	memcpy(out, base, n);
	out[n] = '\0';
}

/* An answers CSV is anything that is not plainly something else: the
 * reader's messages are the most useful ones for a text file. */
static int
csv_sniff(const char *head, size_t n)
{
	(void)head;
	(void)n;
	return 1;
}

/* An empty input, or one that is plainly not text. */
static int
refuse(const struct source_in *in, struct err *e)
{
	size_t bom = csvin_bom(in->head, in->nhead);

	if (in->nhead == 0)
		return err_set(e, AS_EINPUT, in->path, 0, 0, "is empty");
	return csvin_refuse_binary(in->path, in->head + bom, in->nhead - bom,
	    e);
}

/* What the answers CSV says of its survey: its question columns. */
struct hinting {
	struct source_hint	*h;
	int			 done;
};

static int
hint_record(void *ctx, struct csvin *c)
{
	struct hinting *hg = ctx;
	const char *f, *colon;
	size_t i, n;

	if (csvin_nf(c) == 1 && csvin_blank(c))
		return 0;
	for (i = 0; i < csvin_nf(c); i++) {
		f = csvin_field(c, i, &n);
		response_trim(&f, &n);
		if (n == 0 || f[0] == '_' || f[0] == '#' ||
		    reserved(f, n) >= 0)
			continue;
		if ((colon = memchr(f, ':', n)) != NULL)
			n = (size_t)(colon - f);
		buf_add(&hg->h->cols, f, n);
		buf_putc(&hg->h->cols, '\0');
		hg->h->ncols++;
	}
	hg->done = 1;
	return 1;			/* the header is all it needs */
}

static int
csv_hint(struct source_in *in, struct source_hint *h, struct err *e)
{
	struct hinting hg = { h, 0 };
	struct err ignored;

	if (refuse(in, e) != 0)
		return -1;
	/* the head holds the whole header line (or 64 KiB of it) */
	if (csvin_parse(in->path, in->head, in->nhead, -1, hint_record, &hg,
	    &ignored) != 0 && !hg.done)
		return 0;	/* the reader will say what is wrong */
	return buf_ok(&h->cols, e);
}

static long
csv_read(struct source_in *in, const struct survey *s, answers_sink sink,
    void *ctx, struct err *e)
{
	struct csvr r;
	size_t i;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.bad = in->bad;
	r.bad_ctx = in->bad_ctx;
	r.keep_going = in->keep_going && in->bad != NULL;
	r.limit = in->bad != NULL && in->limit == 0 ? 1 : in->limit;
	r.s = s;
	r.path = in->path;
	r.sink = sink;
	r.ctx = ctx;
	r.e = e;
	answers_default_org(in->path, r.deforg, sizeof(r.deforg));
	if (refuse(in, e) != 0)
		goto out;
	if ((r.ans = calloc(s->nq, sizeof(*r.ans))) == NULL ||
	    (r.fold = calloc(s->nq, sizeof(*r.fold))) == NULL ||
	    (r.cache = calloc(s->nq, sizeof(*r.cache))) == NULL) {
		err_nomem(e);
		goto out;
	}
	if ((in->read_ahead ? csvin_parse_ahead : csvin_parse)(in->path,
	    in->head, in->nhead, in->fd, on_record, &r, e) != 0)
		goto out;
	if (!r.header_done)
		err_set(e, AS_EINPUT, r.path, 0, 0, "has no header line");
	else if (r.nbad > 0 && !r.keep_going)
		err_set(e, AS_EINPUT, r.path, 0, 0, "%u %s with errors", r.nbad,
		    r.nbad == 1 ? "row" : "rows");
	else if (r.rows == 0)
		err_set(e, AS_EINPUT, r.path, 0, 0, "has a header but no "
		    "responses");
	else
		rc = 0;
out:
	free(r.cols);
	free(r.evcols);
	free(r.given);
	free(r.evgiven);
	memo_release(&r.roles);
	free(r.qcol);
	free(r.ans);
	free(r.fold);
	response_plan_release(&r.plan);
	for (i = 0; r.cache != NULL && i < s->nq; i++)
		free(r.cache[i]);
	free(r.cache);
	return rc == 0 ? r.rows : -1;
}

const struct answer_source answers_csv_source = {
	"csv", "an answers CSV file", csv_sniff, csv_hint, csv_read,
};
