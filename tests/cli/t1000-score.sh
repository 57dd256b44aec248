# Scoring the mini survey: every report format, several organisations,
# roles and the anonymity threshold, targets, CSV dialects, JSON answers.
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json"

expect md-one 0 assess score $MINI tests/data/mini-one.csv
# -j N scores the organisations on N threads: the same bytes for any N,
# and the same error, that of the first organisation that fails.
for f in md json csv; do
	check "jobs-same-$f" sh -c 'for j in 1 2 3 7; do
	    "$1" score -j $j -f '$f' -t au-gov20-agency-baseline-2010 \
	        surveys/social-media-readiness/examples/agencies-comparison.csv \
	        surveys/social-media-readiness/examples/agency-audit.csv >"$2/j$j" || exit 1
	done; cmp "$2/j1" "$2/j2" && cmp "$2/j1" "$2/j3" && cmp "$2/j1" "$2/j7" &&
	test "$(grep -c . "$2/j1")" -gt 10' sh "$ASSESS" "$TMP"
done
# The JSON writer writes organisations on the -j threads too, in batches:
# 60 organisations (the bundled 12 five times under other names) make
# several batches for 2 and 3 threads, the last one short.
awk -F, -v OFS=, 'FNR == 1 { if (k++ == 0) print; next }
    { $1 = k "-" $1; $2 = $2 " " k; print }' $(for k in 1 2 3 4 5; do
    echo surveys/social-media-readiness/examples/agencies-comparison.csv
    done) >"$TMP/sixty.csv"
check jobs-same-json-batches sh -c 'for j in 1 2 3 7; do
    "$1" score -j $j -f json -o "$2/b$j.json" "$2/sixty.csv" || exit 1
done; cmp "$2/b1.json" "$2/b2.json" && cmp "$2/b1.json" "$2/b3.json" &&
cmp "$2/b1.json" "$2/b7.json" &&
test "$(grep -c "\"headline\": " "$2/b1.json")" -eq 60' sh "$ASSESS" "$TMP"
# With -j 2 the answers are parsed on a thread of their own, handed over
# in batches: 4,000 responses (the audit's 40 a hundred times under other
# ids) make many; the same result, and the same message for a bad cell
# near the end, as on one thread.
awk -F, -v OFS=, 'FNR == 1 { if (k++ == 0) print; next }
    { $1 = k "-" $1; print }' $(for k in $(seq 100); do
    echo surveys/social-media-readiness/examples/agency-audit.csv
    done) >"$TMP/many.csv"
sed '3990s/,[1-5],/,9,/' "$TMP/many.csv" >"$TMP/many-bad.csv"
check jobs-read-ahead-same sh -c '"$1" score -j 1 -f json "$2/many.csv" >"$2/m1" &&
"$1" score -j 2 -f json "$2/many.csv" >"$2/m2" && cmp "$2/m1" "$2/m2" &&
grep -q "\"respondents\": 4000" "$2/m1"' sh "$ASSESS" "$TMP"
check jobs-read-ahead-error-same sh -c '"$1" score -j 1 "$2/many-bad.csv" 2>"$2/e1";
test $? = 1 || exit 1; "$1" score -j 2 "$2/many-bad.csv" 2>"$2/e2";
test $? = 1 && cmp "$2/e1" "$2/e2" && grep -q "many-bad.csv:3990:" "$2/e1"' \
    sh "$ASSESS" "$TMP"
expect jobs-error 1 assess score -j 2 $MINI -r tests/bad/lua/role-dimension.lua tests/data/mini-audit.csv
check jobs-error-same sh -c '"$1" score -j 1 -s tests/data/mini/survey.json \
    -r tests/bad/lua/role-dimension.lua tests/data/mini-audit.csv 2>&1 |
    cmp - tests/cli/golden/t1000-score/jobs-error.err' sh "$ASSESS"
expect jobs-zero 2 assess score -j 0 $MINI tests/data/mini-one.csv

# Cells may hold an option's label instead of its value, in any letter
# case and spacing: the same answers written with values score the same.
LABELS="-s tests/data/labels/survey.json -r tests/data/mini/mini.lua"
expect labels-json 0 assess score $LABELS -f json tests/data/labels/labels.csv
check labels-as-values sh -c '"$1" score $2 -f json tests/data/labels/labels.csv >"$3/l.json" &&
    "$1" score $2 -f json tests/data/labels/values.csv | cmp - "$3/l.json"' sh "$ASSESS" "$LABELS" "$TMP"
expect json-one 0 assess score $MINI -f json tests/data/mini-one.csv
expect csv-one 0 assess score $MINI -f csv tests/data/mini-one.csv
expect md-audit-target 0 assess score $MINI -t mini-target tests/data/mini-audit.csv tests/data/mini-answers.json
expect json-audit-target 0 assess score $MINI -t mini-target -f json tests/data/mini-audit.csv tests/data/mini-answers.json
expect csv-audit-target 0 assess score $MINI -t mini-target -f csv tests/data/mini-audit.csv tests/data/mini-answers.json
expect target-by-path 0 assess score $MINI -t tests/data/mini/targets/mini-target.json -f csv tests/data/mini-one.csv
expect anonymity-2 0 assess score $MINI --anonymity 2 -f json tests/data/mini-audit.csv
expect json-answers 0 assess score $MINI -f json tests/data/mini-answers.json
expect survey-by-folder 0 assess score -s tests/data/mini -f csv tests/data/mini-one.csv

# Every CSV dialect scores exactly like the plain file.
assess score $MINI -f json tests/data/mini-one.csv >"$TMP/plain.json"
for f in tests/data/formats/*.csv; do
	check "dialect $(basename "$f")" sh -c \
	    "\"\$1\" score $MINI -f json \"\$2\" | cmp - \"\$3\"" sh \
	    "$ASSESS" "$f" "$TMP/plain.json"
done
# Standard input is read as CSV, the organisation named "stdin" when the
# file has no organisation column.
expect stdin 0 sh -c "cut -d, -f1,3- tests/data/mini-one.csv | \"\$1\" score $MINI -f csv -" sh "$ASSESS"

# ... whatever way a pipe splits it: the header is complete before the
# byte-order mark, the kind of file and the delimiter are decided.
for f in limesurvey semicolon tab bom; do
	check "stdin-split-$f" sh -c '{ head -c 2 "$2"; sleep 0.2; tail -c +3 "$2"; } |
	    "$1" score -s tests/data/mini/survey.json -f json - |
	    sed "s/\"stdin\"/\"Alpha\"/" | cmp - "$3"' sh "$ASSESS" \
	    "tests/data/formats/$f.csv" "$TMP/plain.json"
done

# The same input gives the same bytes.
assess score $MINI -t mini-target -f json tests/data/mini-audit.csv tests/data/mini-answers.json >"$TMP/a.json"
assess score $MINI -t mini-target -f json tests/data/mini-audit.csv tests/data/mini-answers.json >"$TMP/b.json"
check deterministic cmp "$TMP/a.json" "$TMP/b.json"
# ... whatever the order of the answers files.
assess score $MINI -t mini-target -f json tests/data/mini-answers.json tests/data/mini-audit.csv >"$TMP/c.json"
check order-independent cmp "$TMP/a.json" "$TMP/c.json"

# --fail-below: the report is written, and the status says whether every
# organisation's headline reaches the level (Alpha is at 1, Beta at 3).
expect fail-below-2 4 assess score $MINI -f csv --fail-below 2 tests/data/mini-audit.csv
expect fail-below-name 4 assess score $MINI -f csv --fail-below Enabled tests/data/mini-audit.csv
expect fail-below-1 0 assess score $MINI -f csv --fail-below restricted tests/data/mini-audit.csv
expect fail-below-ok 0 assess score $MINI -f csv --fail-below 3 tests/data/mini-answers.json
expect fail-below-4-two 4 assess score $MINI -f csv --fail-below 4 tests/data/mini-audit.csv

# JSON answers are told by their content: on standard input, or in a file
# not named .json, they are read as JSON (same result as the .json file).
assess score $MINI -f csv tests/data/mini-answers.json >"$TMP/json-file.csv"
check json-stdin sh -c '"$1" score -s tests/data/mini/survey.json -f csv - \
    <tests/data/mini-answers.json | cmp - "$2"' sh "$ASSESS" "$TMP/json-file.csv"
# JSON after blank lines, its first line delivered on its own: still JSON.
printf '\n\n' >"$TMP/blank-json.txt"
cat tests/data/mini-answers.json >>"$TMP/blank-json.txt"
check stdin-split-json-after-blank-lines sh -c '{ head -c 1 "$2"; sleep 0.2; tail -c +2 "$2"; } |
    "$1" score -s tests/data/mini/survey.json -f csv - | cmp - "$3"' sh "$ASSESS" \
    "$TMP/blank-json.txt" "$TMP/json-file.csv"
# A question id in another letter case means the same question in JSON
# keys as in CSV headers.
printf '{"format": "assess-answers/1", "survey": {"id": "mini"}, "responses": [{"organisation": "Alpha", "answers": {"a1": "some", "A3": 12}}]}' >"$TMP/case.json"
printf 'organisation,a1,A3\nAlpha,some,12\n' >"$TMP/case.csv"
check question-id-case sh -c '"$1" score -s tests/data/mini/survey.json -f csv "$2" >"$4.a" &&
    "$1" score -s tests/data/mini/survey.json -f csv "$3" >"$4.b" && cmp "$4.a" "$4.b"' \
    sh "$ASSESS" "$TMP/case.json" "$TMP/case.csv" "$TMP/case"
# JSON found by its content has the same size cap as a .json file.
printf '{' >"$TMP/big.txt"
head -c 9000000 /dev/zero | tr '\0' ' ' >>"$TMP/big.txt"
expect_err json-by-content-too-large 1 "^assess: .*/big.txt: is 8.6 MiB, larger than the 8 MiB limit$" \
    assess score $MINI "$TMP/big.txt"
cp tests/data/mini-answers.json "$TMP/answers.txt"
check json-other-name sh -c '"$1" score -s tests/data/mini/survey.json -f csv \
    "$2" | cmp - "$3"' sh "$ASSESS" "$TMP/answers.txt" "$TMP/json-file.csv"
# A JSON error on standard input has the line and column in it.
printf '{\n  "format": "assess-answers/1",\n  "responses": [1,]\n}\n' >"$TMP/bad.json"
expect_err json-stdin-error 1 '^assess: -:3:19: invalid JSON' \
    sh -c '"$1" score -s tests/data/mini/survey.json - <"$2"' sh "$ASSESS" "$TMP/bad.json"

# check reports every bad row of a CSV file (a bad value, a bad number, a
# repeated respondent, a short row), then how many there were; score
# stops at the first.
expect check-many-bad-rows 1 assess check $MINI tests/bad/csv/many-bad-rows.csv
# Without -s a rule script is checked against the bundled survey of its
# name (quick-check.lua against quick-check, whose questions it reads).
expect_err check-rules-own-survey 0 '^$' assess check rules/quick-check.lua
check check-rules-own-survey-says sh -c '"$1" check rules/quick-check.lua | \
    grep -qx "rules/quick-check.lua: ok: rules for survey .quick-check., run on 5 fixtures"' sh "$ASSESS"

# -o picks the format from a known extension; an unknown one is refused
# rather than filled with Markdown, and nothing is written.
expect_err output-unknown-extension 2 \
    "^assess score: cannot tell the format from the name '.*/report.pdf'; give -f with one of md, json, csv, html$" \
    assess score $MINI -o "$TMP/report.pdf" tests/data/mini-one.csv
check output-unknown-extension-no-file test ! -e "$TMP/report.pdf"
expect_err output-no-extension-is-md 0 '^$' \
    assess score $MINI -o "$TMP/report" tests/data/mini-one.csv
check output-no-extension-is-md-file grep -q '^# ' "$TMP/report"
check output-html-with-f assess score $MINI -f md -o "$TMP/report.html" tests/data/mini-one.csv

# Without -s the answers choose their survey: a CSV whose question
# columns all belong to one bundled survey is scored with it (and says so
# on stderr); JSON answers name theirs; columns of two surveys are refused.
expect_err survey-from-columns 0 "^assess: surveys/quick-check/examples/library-quick-check.csv: its columns are questions of survey 'quick-check', so it is scored with that survey \\(-s chooses another\\)$" \
    assess score surveys/quick-check/examples/library-quick-check.csv
check survey-from-columns-scored sh -c '"$1" score -f json \
    surveys/quick-check/examples/library-quick-check.csv 2>/dev/null | \
    grep -q "\"id\": \"quick-check\""' sh "$ASSESS"
printf 'organisation,QC-ACC-01,ACC-01\nx,blocked_all,blocked_all\n' >"$TMP/mixed.csv"
expect_err survey-columns-mixed 1 "^assess: $TMP/mixed.csv:1: its columns belong to different surveys \\('QC-ACC-01' to quick-check, 'ACC-01' to social-media-readiness\\); give -s, or split the file$" \
    assess score "$TMP/mixed.csv"
check survey-from-json sh -c '"$1" score -f json tests/data/content/quick-check.csv \
    2>/dev/null >/dev/null && printf "%s" "{\"format\": \"assess-answers/1\", \"survey\": {\"id\": \"quick-check\"}, \"responses\": [{\"organisation\": \"L\", \"answers\": {\"QC-ACC-01\": \"blocked_all\"}}]}" | \
    "$1" score -f json - | grep -q "\"id\": \"quick-check\""' sh "$ASSESS"

# Rows whose role sets change from row to row, some with errors, in
# every order: what is asked of each, and the first bad cell of a row,
# come out the same however the rows before them went.
expect roles-mixed-check 1 assess check $MINI tests/data/mini-roles-mixed.csv
expect roles-mixed-keep-going 0 assess score $MINI --keep-going -f json \
    tests/data/mini-roles-mixed.csv

test_done
