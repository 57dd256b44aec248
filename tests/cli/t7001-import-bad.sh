# assess import on bad exports: one line naming the file, the line and
# the nearest candidates, exit status 1, and no output file; a hostile
# export comes out defused.
. tests/cli/lib.sh

S="-s tests/data/import/survey.json"
B=tests/data/import/bad

# NAME ARGS...: status 1, the golden message, and -o's file not written
refused() {
	case_=$1
	shift
	expect "$case_" 1 assess import "$@" -o "$TMP/$case_.json"
	check "$case_-no-output" test ! -e "$TMP/$case_.json"
}

refused other-form $S $B/other-form.csv
refused truncated-quote $S $B/truncated-quote.csv
refused truncated-row $S $B/truncated-row.csv
refused workbook $S $B/workbook.csv
refused ambiguous-label -s $B/ambiguous/survey.json $B/ambiguous.csv
refused map-unknown-question $S -m $B/bad-map.json tests/data/import/google/edited.csv
refused map-unknown-value $S -m $B/bad-map-value.json tests/data/import/google/edited.csv
refused map-other-survey -s quick-check -m tests/data/import/google/edited-map.json tests/data/import/google/edited.csv
refused wrong-tool $S --from qualtrics tests/data/import/google/responses.csv
refused not-detected $S tests/data/mini-one.csv
refused empty $S /dev/null
refused strict-unmatched $S --strict tests/data/import/google/edited.csv
# the hostile export, with a 1 MiB answer added
{ cat $B/hostile.csv; printf '2026/03/02 9:18:05 AM GMT+11,Harbour City Council,Operators,,,'; head -c 1048576 /dev/zero | tr '\0' x; printf '\n'; } >"$TMP/hostile.csv"
H="$TMP/hostile.csv"
expect_err hostile-org 1 "hostile.csv:5:2: the organisation name holds a control character" assess import $S "$H"
refused missing-org-column $S --organisation-column Agency tests/data/import/google/responses.csv
expect bad-role 2 assess import $S --role boss tests/data/import/google/responses.csv

# Hostile cells (formulas, terminal escapes, a 1 MiB answer): the JSON
# escapes them, the CSV quotes every cell, puts an apostrophe before a
# formula and shows no control character raw; both read back.
expect_err hostile-json 0 "hostile.csv:5:2: the organisation name" assess import $S --keep-going -o "$TMP/h.json" $H
check hostile-json-formula grep -q '"=cmd|' "$TMP/h.json"
check hostile-json-escapes grep -q 'u001b]0;owned' "$TMP/h.json"
check hostile-json-no-raw-escape sh -c "! grep -q \"\$(printf '\\033')\" \"$TMP/h.json\""
check hostile-json-scores sh -c "\"\$1\" score $S -f json \"$TMP/h.json\" >/dev/null" sh "$ASSESS"
expect_err hostile-csv 0 "hostile.csv:5:2: the organisation name" assess import $S --keep-going -f csv -o "$TMP/h.csv" $H
check hostile-csv-formula grep -q "\"'=HYPERLINK" "$TMP/h.csv"
check hostile-csv-plus grep -q "\"'+SUM" "$TMP/h.csv"
check hostile-csv-no-raw-escape sh -c "! grep -q \"\$(printf '\\033')\" \"$TMP/h.csv\""
check hostile-csv-scores sh -c "\"\$1\" score $S -f json \"$TMP/h.csv\" >/dev/null" sh "$ASSESS"

# A cell over 1 MiB is refused by the CSV reader.
{ printf 'Timestamp,Anything else we should know?\n1,'; head -c 1048600 /dev/zero | tr '\0' y; printf '\n'; } >"$TMP/huge.csv"
expect_err huge-cell 1 'huge.csv:2:2: a field is longer than 1 MiB' assess import $S "$TMP/huge.csv"

test_done
