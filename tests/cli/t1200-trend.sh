# assess trend: results of the same organisations at two dates, in either
# order; --as-of dates a result; results that cannot be compared are
# refused with the reason.
. tests/cli/lib.sh

GOLDEN=$TOP/$GOLDEN	# the cases below run in a folder of their own
MINI="-s $TOP/tests/data/mini/survey.json -t mini-target -f json"
assess score $MINI -o "$TMP/2026.json" tests/data/trend/2026.csv
assess score $MINI -o "$TMP/2027.json" tests/data/trend/2027.csv
A=$TMP/2026.json
B=$TMP/2027.json

# Alpha: access improved, training regressed, engagement the same, the
# access-blocked finding resolved; Beta: nothing moved.  The file names
# are the same in every run, so the goldens hold them.
mkdir -p "$TMP/r"
cp "$A" "$TMP/r/2026.json"
cp "$B" "$TMP/r/2027.json"
cd "$TMP/r" || exit 1
expect md 0 assess trend 2026.json 2027.json
expect json 0 assess trend -f json 2026.json 2027.json
expect csv 0 assess trend -f csv 2026.json 2027.json
expect html 0 assess trend -f html 2026.json 2027.json
assess trend -o trend.html 2027.json 2026.json
check html-either-order sh -c 'assess() { "$ASSESS" "$@"; }
    assess trend -f html 2026.json 2027.json | cmp - trend.html'
check html-chart-per-organisation sh -c 'test "$(grep -c "<svg xmlns" trend.html)" -eq 2 &&
    grep -q "<caption>Level of each dimension at each date</caption>" trend.html &&
    ! grep -Eqi "<script|src=" trend.html'
assess trend -f json 2026.json 2027.json >forward.json
assess trend -f json 2027.json 2026.json >backward.json
check either-order cmp forward.json backward.json
check alpha-acc-improved grep -q '"dimension": "ACC", "from": 2, "to": 3, "direction": "improved"' forward.json
check alpha-trn-regressed grep -q '"dimension": "TRN", "from": 3, "to": 1, "direction": "regressed"' forward.json
check alpha-eng-same grep -q '"dimension": "ENG", "from": 3, "to": 3, "direction": "same"' forward.json

# --as-of dates a result whatever its answers say.
assess score $MINI --as-of 2028-01-31 -o dated.json "$TOP/tests/data/trend/2027.csv"
check as-of-dates grep -q '"as_of": "2028-01-31"' dated.json
expect_err as-of-bad 2 "^assess score: --as-of needs a date, YYYY-MM-DD, not '2028-02-30'$" \
    assess score $MINI --as-of 2028-02-30 "$TOP/tests/data/trend/2027.csv"

# What cannot be compared.
expect_err one-file 2 "^assess trend: give two or more result files" \
    assess trend 2026.json
expect_err same-date 1 "^assess: 2027.json: 'Alpha' has two results dated 2027-03-01 \\(in dated-copy.json and 2027.json\\)" \
    sh -c 'cp 2027.json dated-copy.json && "$1" trend dated-copy.json 2027.json' sh "$ASSESS"
assess score -s "$TOP/tests/data/mini/survey.json" -f json -o undated.json \
    "$TOP/tests/data/mini-one.csv"
expect_err no-date 1 "^assess: undated.json: has no date for '.*': score it with --as-of DATE" \
    assess trend 2026.json undated.json
sed 's/"id": "mini",/"id": "other",/' 2027.json >other.json
expect_err other-survey 1 "^assess: other.json: is a result for survey 'other', not 'mini' like the first$" \
    assess trend 2026.json other.json
sed 's/"version": "1",/"version": "2",/' 2027.json >v2.json
check other-version-same-questions "$ASSESS" trend -f json 2026.json v2.json
sed 's/"version": "1",/"version": "2",/; s/{"id": "E2", "dimension"/{"id": "E3", "dimension"/; s/{"id": "E2", "answered"/{"id": "E3", "answered"/' \
    2027.json >v2-new-question.json
expect_err other-version-other-questions 1 "^assess: v2-new-question.json: was scored with version 2 of survey 'mini', whose questions differ from version 1's \\('E2' is in only one\\): a trend needs the same questions$" \
    assess trend 2026.json v2-new-question.json
head -c 3000 2027.json >truncated.json
expect_err truncated 1 "^assess: truncated.json:[0-9]+:[0-9]+: invalid JSON" \
    assess trend 2026.json truncated.json
expect_err nothing-written 1 "" assess trend -o out.md 2026.json truncated.json
check nothing-written-none test ! -e out.md
cd "$TOP" || exit 1

test_done
