# assess import: each survey tool's export, as the fixtures under
# tests/data/import/TOOL reproduce it, gives exactly the answers beside it
# (expected*.json); so does the mapping --init-map writes for it, given
# back with -m; and score --from TOOL gives the result import-then-score
# gives.
. tests/cli/lib.sh

S="-s tests/data/import/survey.json"
D=tests/data/import

# NAME EXPECTED ARGS...: import to a file, whose bytes must be EXPECTED,
# with standard error as the golden file says; the mapping --init-map
# writes is pinned, and importing with it alone gives EXPECTED again.
imports() {
	case_=$1
	exp_=$2
	shift 2
	expect "$case_" 0 assess import "$@" -o "$TMP/$case_.json"
	check "$case_-answers" cmp "$TMP/$case_.json" "$exp_"
	check "$case_-one-thread" sh -c "\"\$@\" | cmp - \"$exp_\"" sh \
	    "$ASSESS" import -j 1 "$@"
	expect "$case_-init-map" 0 assess import "$@" --init-map -
	cp "$TMP/out" "$TMP/$case_.map"
}

# NAME EXPECTED ARGS...: with the mapping of the case before
mapped() {
	name=$1
	exp=$2
	shift 2
	check "$name-mapped" sh -c "\"\$@\" | cmp - \"$exp\"" sh \
	    "$ASSESS" import -m "$TMP/$name.map" "$@"
}

# NAME TOOL SURVEY ARGS...: score --from equals import-then-score
same_score() {
	case_=$1
	tool=$2
	shift 2
	assess import $S "$@" -o "$TMP/$case_-same.json" 2>/dev/null
	assess score $S -f json "$TMP/$case_-same.json" >"$TMP/a.json"
	check "$case_-score-from" sh -c "\"\$@\" | cmp - \"$TMP/a.json\"" sh \
	    "$ASSESS" score $S -f json --from "$tool" "$@"
}

imports google $D/google/expected.json $S $D/google/responses.csv
mapped google $D/google/expected.json $S $D/google/responses.csv
imports msforms $D/msforms/expected.json $S $D/msforms/responses.csv
mapped msforms $D/msforms/expected.json $S $D/msforms/responses.csv
imports limesurvey $D/limesurvey/expected.json $S $D/limesurvey/responses.csv
mapped limesurvey $D/limesurvey/expected.json $S $D/limesurvey/responses.csv
imports kobo $D/kobo/expected.json $S $D/kobo/responses.csv
mapped kobo $D/kobo/expected.json $S $D/kobo/responses.csv
imports kobo-labels $D/kobo/expected.json $S $D/kobo/labels.csv
mapped kobo-labels $D/kobo/expected.json $S $D/kobo/labels.csv
imports odk $D/odk/expected.json $S --organisation-column about-agency $D/odk/responses.csv
mapped odk $D/odk/expected.json $S $D/odk/responses.csv
imports surveymonkey $D/surveymonkey/expected.json $S --organisation-column 'Custom Data 1' $D/surveymonkey/responses.csv
mapped surveymonkey $D/surveymonkey/expected.json $S $D/surveymonkey/responses.csv
imports qualtrics $D/qualtrics/expected.json $S $D/qualtrics/responses.csv
mapped qualtrics $D/qualtrics/expected.json $S $D/qualtrics/responses.csv
# the bundled quick-check by its codes: LimeSurvey's without '-', ODK
# Central's behind a group path
imports limesurvey-qc $D/limesurvey/expected-quick-check.json -s quick-check --organisation 'Hillcrest Library' $D/limesurvey/quick-check.csv
mapped limesurvey-qc $D/limesurvey/expected-quick-check.json -s quick-check --organisation 'Hillcrest Library' $D/limesurvey/quick-check.csv
imports odk-qc $D/odk/expected-quick-check.json -s quick-check --organisation 'Valley Arts Centre' $D/odk/quick-check.csv
mapped odk-qc $D/odk/expected-quick-check.json -s quick-check --organisation 'Valley Arts Centre' $D/odk/quick-check.csv

# A form edited after the survey was written: a reworded question and a
# relabelled option need the mapping file; without it the column is left
# out with the nearest questions named, and --strict refuses it.
check google-edited-mapped sh -c "\"\$@\" | cmp - $D/google/expected.json" sh \
    "$ASSESS" import $S -m $D/google/edited-map.json $D/google/edited.csv
expect google-edited 1 assess import $S $D/google/edited.csv
expect google-edited-strict 1 assess import $S --strict $D/google/edited.csv

# --partial keeps what the tool marks incomplete (if it meets the
# answers contract); rejected and preview responses stay out.
expect limesurvey-partial 0 assess import $S --partial $D/limesurvey/responses.csv
expect qualtrics-partial 0 assess import $S --partial $D/qualtrics/responses.csv

# The answers CSV says the same as the JSON.
expect google-csv 0 assess import $S -f csv $D/google/responses.csv
assess import $S -f csv -o "$TMP/g.csv" $D/google/responses.csv 2>/dev/null
assess score $S -f json $D/google/expected.json >"$TMP/g1.json"
check google-csv-scores-alike sh -c "\"\$@\" | cmp - \"$TMP/g1.json\"" sh \
    "$ASSESS" score $S -f json "$TMP/g.csv"

# Standard input, with the role column named (it cannot be read twice).
expect stdin 0 sh -c "\"\$1\" import $S --role-column 'Your role' - <$D/google/responses.csv" sh "$ASSESS"
expect stdin-role-by-content 2 sh -c "\"\$1\" import $S - <$D/google/responses.csv" sh "$ASSESS"

same_score google google $D/google/responses.csv
# An export of 3,000 responses, parsed ahead in many batches: the same
# bytes as on one thread.
{ head -n 1 $D/google/responses.csv; for k in $(seq 500); do
    tail -n +2 $D/google/responses.csv; done; } >"$TMP/google-big.csv"
check google-big-one-thread sh -c '"$1" import $2 -j 1 "$3" >"$4/g1" &&
"$1" import $2 -j 2 "$3" >"$4/g2" && cmp "$4/g1" "$4/g2" &&
test "$(grep -c "\"organisation\": " "$4/g1")" -eq 3000' sh "$ASSESS" \
    "$S" "$TMP/google-big.csv" "$TMP"
check google-big-score-from-read-ahead sh -c '"$1" score $2 -f json \
    --from google "$3" >"$4/s1" && "$1" score $2 -j 2 -f json --from google \
    "$3" >"$4/s2" && cmp "$4/s1" "$4/s2" && grep -q "\"respondents\": 1500" \
    "$4/s1"' sh "$ASSESS" "$S" "$TMP/google-big.csv" "$TMP"
same_score msforms msforms $D/msforms/responses.csv
same_score limesurvey limesurvey $D/limesurvey/responses.csv
same_score kobo kobo $D/kobo/responses.csv
same_score odk odk --organisation-column about-agency $D/odk/responses.csv
same_score surveymonkey surveymonkey --organisation-column 'Custom Data 1' $D/surveymonkey/responses.csv
same_score qualtrics qualtrics $D/qualtrics/responses.csv

# --keep-going: of 40 responses, 3 break the answers contract (an answer
# that is no option, a number out of range, a required answer left
# blank); the other 37 are scored and the 3 named, on standard error and
# in the report; without it the first stops the run.
KG=$D/google/keep-going.csv
expect keep-going-stops 1 assess score $S --from google $KG
expect keep-going-json 0 assess score $S --from google --keep-going -f json $KG
expect keep-going-md 0 assess score $S --from google --keep-going $KG
expect keep-going-import 0 assess import $S --keep-going -f csv $KG
expect keep-going-import-stops 1 assess import $S $KG
# the same for the answers readers, JSON and CSV
expect keep-going-answers-json 0 assess score $S --keep-going -f json $D/keep-going.json
assess import $S --keep-going -f csv -o "$TMP/kg.csv" $KG 2>/dev/null
sed '5s/"4"/"9"/' "$TMP/kg.csv" >"$TMP/kg-bad.csv"
expect_err keep-going-answers-csv 0 'kg-bad.csv:5:9: T2: .9. is not an option' assess score $S --keep-going -f json "$TMP/kg-bad.csv"
expect_err keep-going-check 0 'kg-bad.csv:5:9: T2: .9. is not an option' assess check $S --keep-going "$TMP/kg-bad.csv"
expect_err keep-going-check-stops 1 'kg-bad.csv:5:9: T2: .9. is not an option' assess check $S "$TMP/kg-bad.csv"
# the same bad cell twice: answers that repeat are read once and reused,
# but a bad one is refused, and named, on every row that holds it
{ cat "$TMP/kg-bad.csv"; sed -n 5p "$TMP/kg-bad.csv"; } >"$TMP/kg-twice.csv"
last=$(wc -l <"$TMP/kg-twice.csv" | tr -d ' ')
assess score $S --keep-going -f json "$TMP/kg-twice.csv" >/dev/null 2>"$TMP/kg-twice.err"
if grep -q 'kg-twice.csv:5:9: T2: .9. is not an option' "$TMP/kg-twice.err" &&
    grep -q "kg-twice.csv:$last:9: T2: .9. is not an option" "$TMP/kg-twice.err"; then
	ok keep-going-same-cell-twice
else
	not_ok keep-going-same-cell-twice "lines 5 and $last not both named" "$(cat "$TMP/kg-twice.err")"
fi

# score --from says how many responses the tool marked incomplete or
# rejected were left out, and --partial passes on
expect score-from-left-out 0 assess score $S --from qualtrics -f csv $D/qualtrics/responses.csv
expect score-from-partial 0 assess score $S --from qualtrics --partial -f csv $D/qualtrics/responses.csv

expect list-tools 0 assess list tools
expect import-h 0 assess import -h
expect import-no-export 2 assess import $S
expect import-bad-tool 2 assess import $S --from typeform $D/google/responses.csv
expect import-jobs-zero 2 assess import $S -j 0 $D/google/responses.csv
expect score-bad-tool 2 assess score $S --from typeform $D/google/responses.csv
expect score-map-without-from 2 assess score $S -m x.json $D/google/responses.csv

test_done
