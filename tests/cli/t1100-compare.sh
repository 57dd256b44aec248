# assess compare: the league table, who meets the target, the spread per
# dimension and the practices most often missed; raw answers and result
# files mixed; result files checked like any input.
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json -t tests/data/mini/targets/mini-target.json"
EX=surveys/social-media-readiness/examples
AU="-t au-gov20-agency-baseline-2010"

# The bundled 12-agency example, in every format.
expect agencies-md 0 assess compare $AU $EX/agencies-comparison.csv
expect agencies-json 0 assess compare $AU -f json $EX/agencies-comparison.csv
expect agencies-csv 0 assess compare $AU -f csv $EX/agencies-comparison.csv

# A graded set of 20 agencies: Agency 01 answers best, Agency 20 worst,
# and Agency 11 answers exactly as Agency 10.  The table must run from the
# most mature to the least, and the two alike must share a rank.
expect graded-json 0 assess compare $MINI -f json tests/data/compare/graded.csv
assess compare $MINI -f csv tests/data/compare/graded.csv >"$TMP/graded.csv"
check graded-order sh -c 'cut -d, -f2 "$1" | tail -n +2 | tr -d "\"" | \
    tr "\n" " " | grep -qx "$(seq -f "Agency %02g" 1 20 | tr "\n" " ")"' \
    sh "$TMP/graded.csv"
check graded-ranks-never-fall sh -c 'cut -d, -f1 "$1" | tail -n +2 | \
    tr -d "\"" | sort -n -c' sh "$TMP/graded.csv"
check graded-tie-shared sh -c 'r10=$(grep "\"Agency 10\"" "$1" | cut -d, -f1); \
    r11=$(grep "\"Agency 11\"" "$1" | cut -d, -f1); [ "$r10" = "$r11" ]' \
    sh "$TMP/graded.csv"
check graded-first-and-last sh -c 'sed -n 2p "$1" | grep -q "^\"1\",\"Agency 01\"" && \
    tail -n 1 "$1" | grep -q "\"Agency 20\""' sh "$TMP/graded.csv"

# Agencies share results, not answers: a result file gives the same
# comparison as the answers it was scored from, alone or mixed.
assess score $MINI -f json -o "$TMP/graded-result.json" tests/data/compare/graded.csv
assess compare $MINI -f json tests/data/compare/graded.csv >"$TMP/from-answers.json"
assess compare $MINI -f json "$TMP/graded-result.json" >"$TMP/from-result.json"
check result-same-as-answers cmp "$TMP/from-answers.json" "$TMP/from-result.json"
head -n 11 tests/data/compare/graded.csv >"$TMP/first-ten.csv"
{ head -n 1 tests/data/compare/graded.csv; tail -n 10 tests/data/compare/graded.csv; } >"$TMP/last-ten.csv"
assess score $MINI -f json -o "$TMP/last-ten.json" "$TMP/last-ten.csv"
assess compare $MINI -f json "$TMP/first-ten.csv" "$TMP/last-ten.json" >"$TMP/mixed.json"
check mixed-same-as-answers cmp "$TMP/from-answers.json" "$TMP/mixed.json"
assess compare $MINI -f json "$TMP/last-ten.json" "$TMP/first-ten.csv" >"$TMP/mixed2.json"
check mixed-order-does-not-matter cmp "$TMP/from-answers.json" "$TMP/mixed2.json"
# Result files are folded in one at a time and released: four of them
# give the same comparison as the answers.
G=tests/data/compare/graded.csv
for p in 2,6 7,11 12,16 17,21; do
	sed -n "1p;${p}p" $G >"$TMP/part-$p.csv"
	assess score $MINI -f json -o "$TMP/part-$p.json" "$TMP/part-$p.csv"
done
assess compare $MINI -f json "$TMP/part-12,16.json" "$TMP/part-2,6.json" \
    "$TMP/part-17,21.json" "$TMP/part-7,11.json" >"$TMP/four.json"
check four-results-same-as-answers cmp "$TMP/from-answers.json" "$TMP/four.json"

# --report summary: one page, the first and last five of the league
# table and the three practices most often missed; the JSON and CSV list
# the same organisations and say how many were compared.
expect agencies-summary-md 0 assess compare $AU --report summary $EX/agencies-comparison.csv
expect agencies-summary-json 0 assess compare $AU --report summary -f json $EX/agencies-comparison.csv
expect agencies-summary-csv 0 assess compare $AU --report summary -f csv $EX/agencies-comparison.csv
assess compare $MINI --report summary -f json tests/data/compare/graded.csv >"$TMP/sum.json"
check summary-json-counts python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
ids = [o["id"] for o in d["organisations"]]
want = ["Agency %02d" % i for i in list(range(1, 6)) + list(range(16, 21))]
assert d["report"] == "summary" and d["compared"] == 20, d["report"]
assert ids == want, ids
assert len(d["unmet_practices"]) <= 3' "$TMP/sum.json"
assess compare $MINI --report full -f json tests/data/compare/graded.csv >"$TMP/full.json"
check report-full-is-default cmp "$TMP/full.json" "$TMP/from-answers.json"

# HTML: one self-contained page with the league table, the heatmap, the
# spread and the practices most often missed; each chart with its table.
expect graded-html 0 assess compare $MINI -f html tests/data/compare/graded.csv
expect graded-summary-html 0 assess compare $MINI --report summary -f html tests/data/compare/graded.csv
assess compare $MINI -o "$TMP/graded.html" tests/data/compare/graded.csv
check html-by-extension grep -q '<figure class="heat">' "$TMP/graded.html"
check html-self-contained sh -c '! grep -Eqi "<script|<link|<img|src=|url\(http" "$1" &&
    grep -q "Content-Security-Policy" "$1"' sh "$TMP/graded.html"
check html-charts-and-tables sh -c 'grep -c "<svg xmlns" "$1" | grep -qx 2 &&
    grep -q "<caption>Levels per dimension</caption>" "$1" &&
    grep -q "<caption>Every organisation, in rank order</caption>" "$1"' \
    sh "$TMP/graded.html"
sed 's/Agency 20/"<script>alert(1)<\/script> \&amp; ""Co"""/' \
    tests/data/compare/graded.csv >"$TMP/hostile.csv"
assess compare $MINI -f html "$TMP/hostile.csv" >"$TMP/hostile.html"
check html-hostile-escaped sh -c '! grep -q "<script" "$1" &&
    test "$(grep -o "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;Co&quot;" "$1" |
    wc -l)" -ge 2' sh "$TMP/hostile.html"
# 60 agencies: the heatmap in two parts of 30 rows, so that each prints
# on a page.
awk -F, -v OFS=, 'FNR == 1 { if (k++ == 0) print; next }
    { $1 = k "-" $1; $2 = $2 " " k; print }' $EX/agencies-comparison.csv \
    $EX/agencies-comparison.csv $EX/agencies-comparison.csv \
    $EX/agencies-comparison.csv $EX/agencies-comparison.csv >"$TMP/sixty.csv"
assess compare $AU -f html "$TMP/sixty.csv" >"$TMP/sixty.html"
check sixty-heatmap-parts sh -c 'grep -o "organisations ranked [0-9]* to [0-9]*" "$1" |
    tr "\n" ";" | grep -qx "organisations ranked 1 to 30;organisations ranked 31 to 60;"' \
    sh "$TMP/sixty.html"

# Usage.
expect_err no-target 2 "^assess compare: give the target profile to compare with \\(-t TARGET\\)$" \
    assess compare tests/data/compare/graded.csv
expect_err no-inputs 2 "^assess compare: give answers or result files to compare$" \
    assess compare $MINI

# Result files are input like any other: each problem names the file,
# line, column and field, exits 1 and writes nothing.
R="$TMP/graded-result.json"
sed 's/"level": 3,/"level": 7,/' "$R" >"$TMP/level7.json"
expect_err result-level-7 1 "^assess: $TMP/level7.json:[0-9]+:[0-9]+: 'level' must be an integer from 1 to 5" \
    assess compare $MINI "$TMP/level7.json"
awk '/"gap": 0/ && !done { sub(/"gap": 0/, "\"gap\": 2"); done = 1 } { print }' "$R" >"$TMP/gap.json"
expect_err result-bad-gap 1 "^assess: $TMP/gap.json:[0-9]+:[0-9]+: 'gap' does not match the target and level \\(it is 0\\)$" \
    assess compare $MINI "$TMP/gap.json"
head -c 2000 "$R" >"$TMP/truncated.json"
expect_err result-truncated 1 "^assess: $TMP/truncated.json:[0-9]+:[0-9]+: invalid JSON" \
    assess compare $MINI "$TMP/truncated.json"
sed 's/"id": "mini",/"id": "other",/' "$R" >"$TMP/other-survey.json"
expect_err result-other-survey 1 "^assess: $TMP/other-survey.json: is a result for survey 'other', not 'mini'$" \
    assess compare $MINI "$TMP/other-survey.json"
assess score -s tests/data/mini/survey.json -f json -o "$TMP/no-target.json" tests/data/compare/graded.csv
expect_err result-no-target 1 "^assess: $TMP/no-target.json: was scored without a target profile; score it again with -t mini-target$" \
    assess compare $MINI "$TMP/no-target.json"
awk '/"label": "Enabled"/ && ++n == 2 { sub(/Enabled/, "Splendid") } { print }' "$R" >"$TMP/label.json"
expect_err result-bad-label 1 "^assess: $TMP/label.json:[0-9]+:[0-9]+: 'label' does not match level 3, which is Enabled$" \
    assess compare $MINI "$TMP/label.json"
# Without -s, a result file given first decides the survey that later
# answers files are read with.
assess score $AU -f json -o "$TMP/qc.json" surveys/quick-check/examples/library-quick-check.csv 2>/dev/null
expect_err result-first-decides-survey 1 "^assess: $EX/agencies-comparison.csv:1:5: unknown column 'ACC-01': not a question of survey 'quick-check'" \
    assess compare $AU "$TMP/qc.json" $EX/agencies-comparison.csv
expect_err answers-first-decide-survey 1 "^assess: $TMP/qc.json: is a result for survey 'quick-check', not 'social-media-readiness'$" \
    assess compare $AU $EX/agencies-comparison.csv "$TMP/qc.json"
expect_err result-twice 1 "^assess: organisation 'Agency 01' is given twice" \
    assess compare $MINI "$R" tests/data/compare/graded.csv
expect_err result-no-file-written 1 "" \
    assess compare $MINI -o "$TMP/cmp.md" "$TMP/level7.json"
check result-no-file-written-none test ! -e "$TMP/cmp.md"

test_done
