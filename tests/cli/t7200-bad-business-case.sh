#!/bin/sh
# t7200-bad-business-case: a survey's business-case.json is checked like
# every other file the program loads: a bad one stops the run with
# FILE:LINE:COL and a message (pinned here), and no report is written.
# Each case is tests/bad/bcase/NAME.json placed beside a copy of the mini
# survey.
. "$(dirname "$0")/lib.sh"

S=$TMP/survey
mkdir -p "$S"
cp tests/data/mini/survey.json "$S/"
RUN="-s $S/survey.json -r tests/data/mini/mini.lua tests/data/mini-one.csv"

# without a business case the business-case report still has its parts
expect_err no-business-case 0 '^$' assess score --report business-case $RUN

cp tests/bad/bcase/good.json "$S/business-case.json"
expect_err good 0 '^$' assess score --report business-case $RUN
check good-has-controls grep -q '^### Answering IT' "$TMP/out"

for f in tests/bad/bcase/*.json; do
	n=$(basename "$f" .json)
	[ "$n" = good ] && continue
	cp "$f" "$S/business-case.json"
	assess score -o "$TMP/report.md" $RUN >"$TMP/o" 2>"$TMP/e"
	echo "status $?" >>"$TMP/e"
	sed "s|$S/|SURVEY/|g" "$TMP/e" >"$TMP/err"
	: >"$TMP/out"
	if compare "$n" err && [ ! -e "$TMP/report.md" ] && [ ! -s "$TMP/o" ]
	then
		ok "$n"
	else
		not_ok "$n" "$(cat "$TMP/diff" 2>/dev/null | head -n 8)"
	fi
done

test_done
