/*
 * cmd_interview.c - `assess interview`: the questionnaire in a terminal,
 * or answered line by line from a script (DESIGN.md, the interview
 * protocol).
 *
 * Questions come in survey order, those of the respondent's role whose
 * `when` condition holds.  Each accepted answer is appended to the
 * journal and fsynced before the next question is shown (journal.c);
 * --resume replays it.  At the end the answers are written atomically as
 * assess-answers/1, the journal is removed, and the headline level is
 * shown with the command for the full report.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "answers.h"
#include "buf.h"
#include "cli.h"
#include "fsx.h"
#include "engine.h"
#include "journal.h"
#include "paths.h"
#include "result.h"
#include "term.h"
#include "utf8.h"

#define IV_DEFAULT_OUTPUT "answers.json"
#define IV_LINE_MAX 4096

struct iv_opts {
	const char	*survey, *role, *org, *output;
	int		 resume, force;
};

struct iv {
	const struct iv_opts *o;
	struct survey	*s;
	char		*survey_path, *jpath, *org;
	int		 role, fd, tty;
	struct answer	*ans;		/* per question */
	char		**val;		/* per question: the journal's text */
	int		*hist;		/* questions answered, in order */
	size_t		 nhist;
};

static int
parse_args(int argc, char **argv, struct iv_opts *o)
{
	static const struct option longs[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "role", required_argument, NULL, 'R' },
		{ "organisation", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "resume", no_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->survey = PATHS_DEFAULT_SURVEY;
	o->output = IV_DEFAULT_OUTPUT;
	while ((c = getopt_long(argc, argv, ":s:o:h", longs, NULL)) != -1) {
		switch (c) {
		case 's': o->survey = optarg; break;
		case 'R': o->role = optarg; break;
		case 'O': o->org = optarg; break;
		case 'o': o->output = optarg; break;
		case 'r': o->resume = 1; break;
		case 'F': o->force = 1; break;
		case 'h': return -1;
		default: return cli_bad_option("interview", argv, c);
		}
	}
	if (optind < argc)
		return cli_usage_error("interview", "unexpected argument '%s'; "
		    "the answers are read from standard input", argv[optind]);
	if (o->output[0] == '\0' || strcmp(o->output, "-") == 0)
		return cli_usage_error("interview", "the answers need a file "
		    "(-o FILE), beside which the interview keeps its journal");
	if (o->org != NULL && o->org[0] == '\0')
		return cli_usage_error("interview", "--organisation needs a "
		    "name");
	return 0;
}

/* ---------------------------------------------------------------------
 * Which questions are asked
 */

/* The question is of the respondent's role and its condition holds on
 * the answers so far (the same rule as response.c applies to files). */
static int
iv_asked(const struct iv *v, size_t k)
{
	const struct question *q = &v->s->qs[k];
	const struct answer *ref;

	if (!(q->audience & (1u << v->role)))
		return 0;
	if (q->when.op == W_NONE)
		return 1;
	ref = &v->ans[q->when.q];
	if (!iv_asked(v, (size_t)q->when.q) || ref->state != A_VALUE)
		return 0;
	switch (q->when.op) {
	case W_EQ:
	case W_NE:
		return (ref->opt >= 0 ? (q->when.vals >> ref->opt) & 1 :
		    (ref->multi & q->when.vals) != 0) == (q->when.op == W_EQ);
	case W_LT: return ref->num < q->when.num;
	case W_LE: return ref->num <= q->when.num;
	case W_GT: return ref->num > q->when.num;
	case W_GE: return ref->num >= q->when.num;
	case W_NONE: break;
	}
	return 1;
}

/* Question k's place among the role's questions, and how many there are. */
static void
progress(const struct iv *v, size_t k, size_t *at, size_t *of)
{
	size_t i;

	*at = *of = 0;
	for (i = 0; i < v->s->nq; i++)
		if (v->s->qs[i].audience & (1u << v->role)) {
			(*of)++;
			if (i <= k)
				(*at)++;
		}
}

/* ---------------------------------------------------------------------
 * Showing a question
 */

static void
ask(const struct iv *v, size_t k)
{
	const struct question *q = &v->s->qs[k];
	const struct dimension *d = &v->s->dims[q->dim];
	char lead[80];
	size_t at, of;

	progress(v, k, &at, &of);
	printf("\nquestion %zu of %zu, ", at, of);
	term_put(stdout, d->title);
	fputs(" (", stdout);
	term_put(stdout, d->id);
	fputs(")\n", stdout);
	snprintf(lead, sizeof(lead), "%s  ", q->id);
	term_wrap(stdout, lead, 4, q->text);
	term_options(stdout, q, 4, 1);
	fputs("    answer: ", stdout);
	term_takes(stdout, q);
	fputs(q->required ? " (required)\n" : "\n", stdout);
	if (v->val[k] != NULL && v->val[k][0] != '\0') {
		fputs("    before: ", stdout);
		term_put(stdout, v->val[k]);
		fputc('\n', stdout);
	}
	if (v->tty) {
		fputs("> ", stdout);
	}
	fflush(stdout);
}

static void
help(const struct iv *v, size_t k)
{
	const struct question *q = &v->s->qs[k];
	const struct dimension *d = &v->s->dims[q->dim];

	if (q->help != NULL)
		term_wrap(stdout, "    help: ", 10, q->help);
	else
		fputs("    (this question has no help)\n", stdout);
	fputs("    how the levels of ", stdout);
	term_put(stdout, d->title);
	fputs(" read:\n", stdout);
	term_ladder(stdout, v->s, d);
	fputs("    type a number, a value or a label; '<' goes back, an "
	    "empty line skips\n", stdout);
	if (v->tty)
		fputs("> ", stdout);
	fflush(stdout);
}

static void
intro(const struct iv *v, size_t done)
{
	size_t at, of;

	progress(v, v->s->nq, &at, &of);
	term_wrap(stdout, NULL, 0, v->s->title);
	printf("%zu questions for ", of);
	term_put(stdout, v->s->aud[v->role].label);
	fputs(", organisation '", stdout);
	term_put(stdout, v->org);
	fputs("'.\n", stdout);
	if (done > 0)
		printf("%zu answers kept from before.\n", done);
	fputs("Answer with a number, a value or a label ('a;b' for several); "
	    "'na' where it\ndoes not apply; an empty line skips; '?' shows "
	    "help and the levels; '<' goes\nback.  Every answer is saved as "
	    "you give it.\n", stdout);
}

/* ---------------------------------------------------------------------
 * Turning what was typed into what the journal holds
 */

/* The next word of [*p, end): its length, *p at its start, 0 at the end. */
static size_t
word(const char **p, const char *end)
{
	const char *w;

	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	for (w = *p; w < end && *w != ' ' && *w != '\t'; w++)
		;
	return (size_t)(w - *p);
}

/* 'a' (n bytes) and 'b' are the same words, ignoring letter case and
 * the spacing between and around them. */
static int
same_words(const char *a, size_t n, const char *b)
{
	const char *ea = a + n, *eb = b + strlen(b);
	size_t la, lb;

	for (;;) {
		la = word(&a, ea);
		lb = word(&b, eb);
		if (la != lb || (la > 0 && strncasecmp(a, b, la) != 0))
			return 0;
		if (la == 0)
			return 1;
		a += la;
		b += lb;
	}
}

static int
digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return n > 0 && n < 4;
}

/* One choice as typed (a position, a value or a label) as the option's
 * value; 1 when it is none of them (nor empty, nor 'na'), the text then
 * kept as typed. */
static int
choice(const struct question *q, const char *p, size_t n, struct buf *out)
{
	size_t i;
	int k;

	response_trim(&p, &n);
	if (digits(p, n) && (k = atoi(p)) >= 1 && (size_t)k <= q->nopts) {
		buf_puts(out, q->opts[k - 1].value);
		return 0;
	}
	for (i = 0; i < q->nopts; i++)
		if (q->opts[i].vlen == n &&
		    strncasecmp(q->opts[i].value, p, n) == 0) {
			buf_puts(out, q->opts[i].value);
			return 0;
		}
	for (i = 0; i < q->nopts; i++)
		if (same_words(p, n, q->opts[i].label)) {
			buf_puts(out, q->opts[i].value);
			return 0;
		}
	buf_add(out, p, n);
	return n > 0 && !(n == 2 && strncasecmp(p, "na", 2) == 0);
}

/* The line as the journal holds it; the number of choices in it that
 * match no option. */
static int
typed(const struct question *q, const char *line, struct buf *out)
{
	int unmatched = 0;

	const char *p = line, *semi;

	switch (q->type) {
	case Q_TEXT:
	case Q_NUMBER:
		buf_puts(out, line);
		break;
	case Q_MULTI:
		for (;;) {
			semi = strchr(p, ';');
			unmatched += choice(q, p, semi ? (size_t)(semi - p) :
			    strlen(p), out);
			if (semi == NULL)
				break;
			buf_putc(out, ';');
			p = semi + 1;
		}
		break;
	default:
		unmatched = choice(q, line, strlen(line), out);
		break;
	}
	buf_add(out, "", 0);	/* a string even when empty */
	return unmatched;
}

static void
refuse(const struct iv *v, const char *msg)
{
	fputs("assess interview: ", stderr);
	err_print_text(stderr, msg);
	fputc('\n', stderr);
	if (v->tty) {
		fputs("> ", stdout);
		fflush(stdout);
	}
}

/* A line that never reaches the parser: a NUL in it, or too long. */
static void
refuse_line(const struct iv *v, size_t k, int too_long)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "%s: %s", v->s->qs[k].id, too_long ?
	    "that answer is too long" : "answers cannot hold control "
	    "characters such as U+0000");
	refuse(v, msg);
}

/* Record question k's answer (taking 'value'), keeping the order of
 * the questions answered: answering a question again drops those after
 * it. */
static void
keep(struct iv *v, size_t k, const struct answer *a, char *value)
{
	v->ans[k] = *a;
	free(v->val[k]);
	v->val[k] = value;
	while (v->nhist > 0 && (size_t)v->hist[v->nhist - 1] >= k)
		v->nhist--;
	v->hist[v->nhist++] = (int)k;
}

/* The line as question k's answer: 0 accepted and on disk, 1 refused
 * (and said why), -1 a system error. */
static int
answer(struct iv *v, size_t k, const char *line, struct err *e)
{
	const struct question *q = &v->s->qs[k];
	struct buf b = BUF_INIT;
	struct answer a;
	char msg[700], why[256], *value;
	int rc = 1;

	if (journal_clean(line, strlen(line), why, sizeof(why)) != 0) {
		snprintf(msg, sizeof(msg), "%s: %s", q->id, why);
		refuse(v, msg);
	} else if (typed(q, line, &b) > 0 && buf_ok(&b, e) == 0) {
		snprintf(msg, sizeof(msg), "%s: '%.40s' is not one of the "
		    "options; type %s from 1 to %zu, a value or a label ('?' "
		    "shows help)", q->id, line, q->type == Q_MULTI ? "numbers" :
		    "a number", q->nopts);
		refuse(v, msg);
	} else if (buf_ok(&b, e) != 0)
		rc = -1;
	else if (journal_value(q, b.data, &a, msg, sizeof(msg)) != 0)
		refuse(v, msg);
	else if (a.state == A_EMPTY && q->required) {
		snprintf(msg, sizeof(msg), "%s must be answered ('?' shows "
		    "help, '<' goes back)", q->id);
		refuse(v, msg);
	} else if (journal_append(v->fd, v->jpath, q->id, b.data, e) != 0 ||
	    (value = fsx_strdup(b.data)) == NULL) {
		rc = e->code ? -1 : err_nomem(e);
	} else {
		keep(v, k, &a, value);
		rc = 0;
	}
	buf_release(&b);
	return rc;
}

/* ---------------------------------------------------------------------
 * The questions in turn
 */

static int
is(const char *line, const char *word)
{
	size_t n = strlen(line);
	const char *p = line;

	response_trim(&p, &n);
	return n == strlen(word) && strncmp(p, word, n) == 0;
}

/* Read one line without its line end; -1 at the end of the input. */
static ssize_t
read_line(char **line, size_t *cap)
{
	ssize_t n = getline(line, cap, stdin);

	if (n < 0)
		return -1;
	if (n > 0 && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	if (n > 0 && (*line)[n - 1] == '\r')
		(*line)[--n] = '\0';
	return n;
}

/* Ask from question 'pos' to the end: 0 when all are answered, 1 when
 * the input ended first, -1 on a system error. */
static int
run(struct iv *v, size_t pos, struct err *e)
{
	char *line = NULL;
	size_t cap = 0, shown = (size_t)-1;
	ssize_t n;
	int rc = 0;

	while (pos < v->s->nq && rc == 0) {
		if (!iv_asked(v, pos)) {
			pos++;
			continue;
		}
		if (shown != pos)
			ask(v, shown = pos);
		if ((n = read_line(&line, &cap)) < 0)
			rc = 1;
		else if (memchr(line, '\0', (size_t)n) != NULL ||
		    n > IV_LINE_MAX)
			refuse_line(v, pos, n > IV_LINE_MAX);
		else if (is(line, "?"))
			help(v, pos);
		else if (is(line, "<") && v->nhist == 0)
			refuse(v, "this is the first question");
		else if (is(line, "<")) {
			pos = (size_t)v->hist[--v->nhist];
			shown = (size_t)-1;
		} else if ((rc = answer(v, pos, line, e)) == 1)
			rc = 0;		/* refused: asked again */
		else if (rc == 0)
			pos++;
	}
	free(line);
	return rc;
}

/* ---------------------------------------------------------------------
 * Starting and resuming
 */

static int
replay(struct iv *v, const struct journal *j, size_t *pos, struct err *e)
{
	struct answer a;
	char msg[700], *value;
	size_t i;

	*pos = 0;
	for (i = 0; i < j->n; i++) {
		if (journal_value(&v->s->qs[j->v[i].q], j->v[i].value, &a, msg,
		    sizeof(msg)) != 0)
			return err_set(e, AS_EINPUT, v->jpath, 0, 0, "%s", msg);
		if ((value = fsx_strdup(j->v[i].value)) == NULL)
			return err_nomem(e);
		keep(v, (size_t)j->v[i].q, &a, value);
		*pos = (size_t)j->v[i].q + 1;
	}
	return 0;
}

static int
same_as_journal(const struct iv *v, const struct journal *j, struct err *e)
{
	if (v->o->role != NULL && v->role != j->role)
		return err_set(e, AS_EUSAGE, v->jpath, 0, 0, "this interview is "
		    "for role '%s'; resume it without --role, or with --role "
		    "%s", v->s->aud[j->role].id, v->s->aud[j->role].id);
	if (v->o->org != NULL && strcmp(v->o->org, j->org) != 0)
		return err_set(e, AS_EUSAGE, v->jpath, 0, 0, "this interview is "
		    "for organisation '%.200s'; resume it without "
		    "--organisation", j->org);
	return 0;
}

static int
resume(struct iv *v, size_t *pos, struct err *e)
{
	struct buf text = BUF_INIT;
	struct journal j;
	int rc = -1;

	journal_init(&j);
	if (fsx_read(v->jpath, JOURNAL_MAX, &text, e) != 0 ||
	    journal_parse(v->jpath, buf_str(&text), text.len, v->s, &j, e) !=
	    0 || same_as_journal(v, &j, e) != 0)
		goto out;
	if (j.cut_line > 0)
		fprintf(stderr, "assess: %s:%u: the last answer was cut short "
		    "when the interview stopped; its question is asked "
		    "again\n", v->jpath, j.cut_line);
	v->role = j.role;
	free(v->org);
	if ((v->org = fsx_strdup(j.org)) == NULL) {
		err_nomem(e);
		goto out;
	}
	if ((v->fd = journal_reopen(v->jpath, j.valid, e)) >= 0 &&
	    replay(v, &j, pos, e) == 0) {
		intro(v, j.n);
		rc = 0;
	}
out:
	journal_release(&j);
	buf_release(&text);
	return rc;
}

static int
begin(struct iv *v, size_t *pos, struct err *e)
{
	int exists = fsx_is_file(v->jpath);

	*pos = 0;
	if (exists && !v->o->resume)
		return err_set(e, AS_EUSAGE, v->jpath, 0, 0, "holds an unfinished "
		    "interview; continue it with --resume, or remove it to "
		    "start again");
	if (!exists && v->o->resume)
		return err_set(e, AS_EUSAGE, v->jpath, 0, 0, "does not exist, so "
		    "there is no interview to resume");
	if (exists)
		return resume(v, pos, e);
	if ((v->fd = journal_create(v->jpath, v->s, v->role, v->org, e)) < 0)
		return -1;
	intro(v, 0);
	return 0;
}

static int
setup(struct iv *v, struct err *e)
{
	char org[ANSWERS_NAME_MAX + 1];
	size_t n;

	if ((v->survey_path = paths_survey(v->o->survey, e)) == NULL ||
	    (v->s = survey_load(v->survey_path, e)) == NULL)
		return -1;
	if ((v->role = cli_role("interview", v->s, v->o->role)) < 0)
		return AS_EXIT_USAGE;
	if (!v->o->force && fsx_is_file(v->o->output))
		return err_set(e, AS_EUSAGE, v->o->output, 0, 0, "exists; give "
		    "--force to replace it, or -o another file");
	if (fsx_check_output(v->o->output, e) != 0)
		return -1;
	answers_default_org(v->o->output, org, sizeof(org));
	n = v->s->nq;
	v->jpath = malloc(strlen(v->o->output) + sizeof(".journal"));
	v->org = fsx_strdup(v->o->org ? v->o->org : org);
	v->ans = calloc(n, sizeof(*v->ans));
	v->val = calloc(n, sizeof(*v->val));
	v->hist = calloc(n, sizeof(*v->hist));
	if (v->jpath == NULL || v->org == NULL || v->ans == NULL ||
	    v->val == NULL || v->hist == NULL)
		return err_nomem(e);
	sprintf(v->jpath, "%s.journal", v->o->output);
	while (n-- > 0)
		v->ans[n].opt = -1;
	return 0;
}

/* ---------------------------------------------------------------------
 * The answers file and the headline
 */

static void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			buf_printf(b, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
json_answer(struct buf *b, const struct question *q, const struct answer *a,
    const char *text)
{
	size_t i;
	int first = 1;

	if (q->type == Q_MULTI && a->multi != 0) {
		buf_putc(b, '[');
		for (i = 0; i < q->nopts; i++)
			if (a->multi & (1ULL << i)) {
				buf_puts(b, first ? "" : ", ");
				json_str(b, q->opts[i].value);
				first = 0;
			}
		buf_putc(b, ']');
	} else if (a->state == A_NA && a->opt < 0) {
		json_str(b, "na");
	} else if (a->opt >= 0) {
		json_str(b, q->opts[a->opt].value);
	} else if (q->type == Q_NUMBER) {
		buf_printf(b, "%.15g", a->num);
	} else {
		json_str(b, text);
	}
}

static void
json_doc(const struct iv *v, struct buf *b)
{
	char date[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t k;
	int first = 1;

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime_r(&now, &tm));
	buf_printf(b, "{\n  \"format\": \"%s\",\n  \"survey\": {\"id\": ",
	    ANSWERS_FORMAT);
	json_str(b, v->s->id);
	buf_puts(b, ", \"version\": ");
	json_str(b, v->s->version);
	buf_puts(b, "},\n  \"responses\": [\n    {\"organisation\": ");
	json_str(b, v->org);
	buf_puts(b, ", \"role\": ");
	json_str(b, v->s->aud[v->role].id);
	buf_printf(b, ", \"submitted\": \"%s\",\n     \"answers\": {", date);
	for (k = 0; k < v->s->nq; k++) {
		if (!iv_asked(v, k) || v->ans[k].state == A_EMPTY)
			continue;
		buf_puts(b, first ? "\n       " : ",\n       ");
		json_str(b, v->s->qs[k].id);
		buf_puts(b, ": ");
		json_answer(b, &v->s->qs[k], &v->ans[k], v->val[k]);
		first = 0;
	}
	buf_puts(b, "}}\n  ]\n}\n");
}

/* Score the answers just written, as 'assess score' would (without a
 * target), and show the headline. */
static int
headline(const struct iv *v, struct err *e)
{
	struct engine_opts eo;
	struct engine *en;
	struct result res;
	int rc = -1;

	memset(&eo, 0, sizeof(eo));
	eo.survey = v->survey_path;
	result_init(&res);
	if ((en = engine_new(&eo, e)) != NULL &&
	    engine_add(en, v->o->output, e) >= 0 &&
	    engine_score(en, &res, e) == 0 && res.norgs == 1) {
		if (res.orgs[0].headline > 0) {
			printf("headline: level %d, ", res.orgs[0].headline);
			term_put(stdout, result_label(&res,
			    res.orgs[0].headline));
		} else {
			fputs("headline: not rated", stdout);
		}
		fputc('\n', stdout);
		if (res.orgs[0].basis != NULL)
			term_wrap(stdout, "  ", 2, res.orgs[0].basis);
		rc = 0;
	}
	result_release(&res);
	engine_free(en);
	return rc;
}

/* 's' as one shell word. */
static void
shell_word(const char *s)
{
	if (s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+=:,") == strlen(s)) {
		term_put(stdout, s);
		return;
	}
	putchar('\'');
	for (; *s != '\0'; s++)
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			term_put(stdout, (char[]){ *s, '\0' });
	putchar('\'');
}

static int
finish(struct iv *v, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	json_doc(v, &b);
	rc = buf_ok(&b, e) != 0 ? -1 : fsx_write_atomic(v->o->output, b.data,
	    b.len, e);
	buf_release(&b);
	if (rc != 0 || journal_remove(v->jpath, e) != 0)
		return -1;
	fputs("\nanswers saved in ", stdout);
	term_put(stdout, v->o->output);
	fputc('\n', stdout);
	if (headline(v, e) != 0)
		return -1;
	fputs("full report: assess score -s ", stdout);
	shell_word(v->o->survey);
	putchar(' ');
	shell_word(v->o->output);
	fputs(" -o report.md\n", stdout);
	return 0;
}

static void
release(struct iv *v)
{
	size_t i;

	if (v->fd >= 0)
		close(v->fd);
	for (i = 0; v->val != NULL && i < v->s->nq; i++)
		free(v->val[i]);
	free(v->val);
	free(v->ans);
	free(v->hist);
	free(v->jpath);
	free(v->org);
	free(v->survey_path);
	survey_free(v->s);
}

int
cmd_interview(int argc, char **argv)
{
	struct iv_opts o;
	struct err e = { 0 };
	struct iv v;
	size_t pos;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc < 0 ? cli_help("interview") : rc;
	memset(&v, 0, sizeof(v));
	v.o = &o;
	v.fd = -1;
	v.tty = isatty(STDIN_FILENO);
	if ((rc = setup(&v, &e)) > 0)
		goto out;
	if (rc != 0 || begin(&v, &pos, &e) != 0 || (rc = run(&v, pos, &e)) < 0)
		goto fail;
	if (rc == 1) {
		fprintf(stderr, "assess interview: the input ended before the "
		    "last question; the answers given are kept in ");
		err_print_text(stderr, v.jpath);
		fputs(": continue with --resume\n", stderr);
		rc = AS_EXIT_INPUT;
	} else if (finish(&v, &e) != 0)
		goto fail;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	release(&v);
	return rc;
}
