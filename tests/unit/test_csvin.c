/*
 * test_csvin.c - the CSV reader read ahead on a second thread gives what
 * it gives on one: the same records, fields, lines, errors and positions,
 * for inputs that cross its batches in every way (many small records, a
 * record bigger than a batch, fields spanning lines, errors late in the
 * input, a callback that stops the read).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "csvin.h"

static char PATH[64];	/* a file of this process's own */

struct seen {
	struct buf	 out;		/* a transcript of every record */
	unsigned long	 records;
	unsigned long	 stop_at;	/* fail on this record (from 1), or 0 */
	pthread_t	 caller;
	int		 other_thread;	/* a callback ran off the caller's */
};

static int
on_record(void *ctx, struct csvin *c)
{
	struct seen *s = ctx;
	const size_t *len;
	const char *const *f = csvin_fields(c, &len);
	size_t i, n;

	if (!pthread_equal(pthread_self(), s->caller))
		s->other_thread = 1;
	s->records++;
	buf_printf(&s->out, "%u-%u %zu%s:", csvin_line(c), csvin_now(c),
	    csvin_nf(c), csvin_blank(c) ? " blank" : "");
	for (i = 0; i < csvin_nf(c); i++) {
		const char *g = csvin_field(c, i, &n);

		CHECK(g == f[i] && n == len[i]);
		buf_printf(&s->out, " %u:%zu:", csvin_field_line(c, i), n);
		buf_add(&s->out, f[i], len[i] > 40 ? 40 : len[i]);
	}
	buf_putc(&s->out, '\n');
	if (s->records == s->stop_at)
		return csvin_fail(c, csvin_line(c), 2, "stopped at %lu",
		    s->records);
	return 0;
}

typedef int (*parse_fn)(const char *, const char *, size_t, int,
    csvin_record, void *, struct err *);

/* Parse the file as a source does (head first, then the rest from the
 * descriptor); the transcript, with the result and error, in 'out'. */
static void
transcript(parse_fn parse, unsigned long stop_at, struct buf *out,
    int *other_thread)
{
	char *head = malloc(CSVIN_HEAD_MAX);
	struct seen s;
	struct err e;
	size_t n;
	int fd = open(PATH, O_RDONLY), rc;

	memset(&s, 0, sizeof(s));
	memset(&e, 0, sizeof(e));
	buf_init(&s.out);
	s.stop_at = stop_at;
	s.caller = pthread_self();
	CHECK(head != NULL && fd >= 0);
	CHECK_INT(csvin_read_head(fd, PATH, head, &n, &e), 0);
	rc = parse(PATH, head, n, fd, on_record, &s, &e);
	buf_printf(&s.out, "rc %d", rc);
	if (rc != 0)
		buf_printf(&s.out, " %s:%u:%u: %s", e.file, e.line, e.col,
		    e.msg);
	*out = s.out;
	*other_thread = s.other_thread;
	close(fd);
	free(head);
}

static void
write_file(const char *p, size_t n)
{
	FILE *f = fopen(PATH, "wb");

	CHECK(f != NULL && fwrite(p, 1, n, f) == n);
	if (f != NULL)
		fclose(f);
}

/* The input in 'p' read both ways, stopping at record 'stop_at' (0:
 * never): the transcripts must be the same. */
static void
same_both_ways(const char *p, size_t n, unsigned long stop_at)
{
	struct buf one, two;
	int off1, off2;

	write_file(p, n);
	transcript(csvin_parse, stop_at, &one, &off1);
	transcript(csvin_parse_ahead, stop_at, &two, &off2);
	CHECK(one.len == two.len && memcmp(one.data, two.data, one.len) == 0);
	if (one.len != two.len || memcmp(one.data, two.data, one.len) != 0)
		printf("  one way:\n%.600s\n  ahead:\n%.600s\n",
		    one.len > 600 ? one.data + one.len - 600 : one.data,
		    two.len > 600 ? two.data + two.len - 600 : two.data);
	CHECK(!off1 && !off2);	/* callbacks only on the caller's thread */
	buf_release(&one);
	buf_release(&two);
	unlink(PATH);
}

static void
same_text(const char *text)
{
	same_both_ways(text, strlen(text), 0);
}

TEST(small_inputs_the_same)
{
	same_text("a,b,c\n1,2,3\n");
	same_text("a,b\r\n1,\"two\r\nlines\"\r\n,\r\n");
	same_text("a;b\r1;2\r3;4");
	same_text("\xEF\xBB\xBF" "a,b\n\n  ,\t\n1,2\n");
	same_text("a,b\n1,\"never closed\n2,3\n");
	same_text("a,b\n1,x\"y\n");
	same_text("a,b\n1,\xFF\n");
	same_text("a,b\n1,2\n3,\"x\"y\n");
	same_text("only a header\n");
	same_text(",,\n1,2,3\n,,\n");	/* a batch that starts without text */
}

/* A deterministic mix of records: quoted fields with commas, quotes and
 * line breaks, empty fields, long fields, and (with 'bad') a malformed
 * field near the end. */
static void
mixed(struct buf *b, unsigned long rows, int bad)
{
	unsigned long i, x = 12345;
	int k;

	buf_puts(b, "id,name,note,a,b,c\r\n");
	for (i = 0; i < rows; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		buf_printf(b, "%lu,", i);
		switch ((x >> 33) % 6) {
		case 0: buf_puts(b, "\"Smith, J\",\"said \"\"hi\"\"\","); break;
		case 1: buf_puts(b, ",\"two\nlines\r\nthree\","); break;
		case 2: buf_puts(b, "plain,,"); break;
		case 3:
			for (k = 0; k < 300; k++)
				buf_puts(b, "long ");
			buf_puts(b, ",x,");
			break;
		case 4: buf_puts(b, "caf\xC3\xA9,\"\",");  break;
		default: buf_puts(b, ",,"); break;
		}
		buf_printf(b, "%lu,,%s", x % 97, i % 3 ? "\r\n" : "\n");
		if (bad && i + 5 == rows)
			buf_puts(b, "99,oops\"here,,,,\n");
	}
}

/* The mixed input of 'rows' records (with 'bad', a malformed one near
 * the end) read both ways, stopping at each of the records in 'stops'
 * (0: never). */
static void
mixed_both_ways(unsigned long rows, int bad, const unsigned long *stops,
    size_t nstops)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	mixed(&b, rows, bad);
	for (i = 0; i < nstops; i++)
		same_both_ways(b.data, b.len, stops[i]);
	buf_release(&b);
}

TEST(many_records_across_batches)
{
	static const unsigned long never[] = { 0 };

	mixed_both_ways(60000, 0, never, 1);
}

TEST(an_error_late_in_the_input)
{
	static const unsigned long never[] = { 0 };

	mixed_both_ways(40000, 1, never, 1);
}

TEST(a_callback_that_stops_the_read)
{
	static const unsigned long at[] = { 1, 2, 777, 39999 };

	mixed_both_ways(40000, 0, at, 4);
}

/* Records far bigger than a batch's text, between ordinary ones, and a
 * row of thousands of fields. */
TEST(records_bigger_than_a_batch)
{
	struct buf b;
	int r, k;

	buf_init(&b);
	buf_puts(&b, "a,b\n");
	for (r = 0; r < 6; r++) {
		buf_puts(&b, "1,2\n\"");
		for (k = 0; k < 90000; k++)
			buf_puts(&b, r % 2 ? "xyz\n" : "abcd");
		buf_puts(&b, "\",end\n3,4\n");
	}
	for (k = 0; k < 5000; k++)
		buf_puts(&b, k ? ",f" : "f");
	buf_puts(&b, "\n5,6\n");
	same_both_ways(b.data, b.len, 0);
	same_both_ways(b.data, b.len, 4);
	buf_release(&b);
}

int
main(void)
{
	snprintf(PATH, sizeof(PATH), "/tmp/assess-test-csvin-%ld.csv",
	    (long)getpid());
	RUN(small_inputs_the_same);
	RUN(many_records_across_batches);
	RUN(an_error_late_in_the_input);
	RUN(a_callback_that_stops_the_read);
	RUN(records_bigger_than_a_batch);
	return check_done();
}
