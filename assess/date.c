/*
 * date.c - YYYY-MM-DD dates, checked against the calendar.
 */
#include <string.h>

#include "date.h"

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
days_in(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int
date_parse(const char *s, size_t n, char *out)
{
	int y, m, d;

	if (n < DATE_LEN || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) != 0 || digits(s + 5, 2, &m) != 0 ||
	    digits(s + 8, 2, &d) != 0)
		return -1;
	if (n > DATE_LEN && s[DATE_LEN] != 'T' && s[DATE_LEN] != ' ')
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	memcpy(out, s, DATE_LEN);
	out[DATE_LEN] = '\0';
	return 0;
}
