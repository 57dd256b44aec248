/*
 * csvfloor.c - the floor for `make bench`: a bare libcsv parse of a file.
 *
 *   csvfloor FILE
 *
 * Parses FILE with the options the engine's CSV reader uses
 * (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL,
 * 4 KiB growth blocks, 64 KiB reads) and does nothing with the fields but
 * count them: no UTF-8 check, no copy, no answers.  Prints
 * "ROWS FIELDS BYTES" where ROWS excludes the header line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

struct count {
	unsigned long long	fields, records, bytes;
};

static void
on_field(void *data, size_t n, void *vc)
{
	struct count *c = vc;

	(void)data;
	c->fields++;
	c->bytes += n;
}

static void
on_record(int ch, void *vc)
{
	struct count *c = vc;

	(void)ch;
	c->records++;
}

int
main(int argc, char **argv)
{
	static char chunk[1 << 16];
	struct csv_parser p;
	struct count c = { 0, 0, 0 };
	ssize_t got;
	int fd;

	if (argc != 2) {
		fputs("usage: csvfloor FILE\n", stderr);
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", argv[1], strerror(errno));
		return 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0) {
		fputs("csvfloor: out of memory\n", stderr);
		return 3;
	}
	csv_set_blk_size(&p, 4096);
	for (;;) {
		got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "csvfloor: %s: %s\n", argv[1],
			    strerror(errno));
			return 3;
		}
		if (got == 0)
			break;
		if (csv_parse(&p, chunk, (size_t)got, on_field, on_record, &c) !=
		    (size_t)got) {
			fprintf(stderr, "csvfloor: %s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	if (csv_fini(&p, on_field, on_record, &c) != 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	close(fd);
	printf("%llu %llu %llu\n", c.records ? c.records - 1 : 0, c.fields,
	    c.bytes);
	return 0;
}
