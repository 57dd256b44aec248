# Results a consultant can defend: disagreement is reported rather than
# averaged away, and --fail-below names every organisation below the line.
. tests/cli/lib.sh

# Two coordinators of one library at opposite ends of the access
# question: the median would hide it, so a finding names the question.
expect_err disagree-scores 0 '' assess score -s quick-check tests/data/content/disagree.csv
check disagree-finding sh -c '"$1" score -s quick-check -f json \
    tests/data/content/disagree.csv | grep -q "\"id\": \"respondents-disagree\""' sh "$ASSESS"
check disagree-names-question sh -c '"$1" score -s quick-check \
    tests/data/content/disagree.csv | grep -q "Respondents disagree sharply on one question: QC-ACC-01 (1 of 2 answers at level 2 or below, 1 at level 4 or above)"' sh "$ASSESS"
# When they agree there is no such finding.
sed 's/,open_all,/,blocked_all,/' tests/data/content/disagree.csv >"$TMP/agree.csv"
check agree-no-finding sh -c '! "$1" score -s quick-check -f json "$2" | \
    grep -q respondents-disagree' sh "$ASSESS" "$TMP/agree.csv"

# --fail-below with 25 organisations below the line: stderr names the
# first 20 and counts the rest; the JSON report lists all 25.
{
	echo "organisation,A1,T1,E1"
	i=1
	while [ $i -le 25 ]; do
		printf 'Org %02d,none,10,announce\n' $i
		i=$((i + 1))
	done
} >"$TMP/many.csv"
expect_err fail-below-many 4 "^assess: 25 of 25 organisations are below level 3: 'Org 01', 'Org 02', .*'Org 20' and 5 more \\(--fail-below\\)$" \
    assess score -s tests/data/mini/survey.json -f json -o "$TMP/many.json" --fail-below 3 "$TMP/many.csv"
check fail-below-json-lists-all sh -c 'grep -A 2 "\"fail_below\"" "$1" | \
    grep "\"organisations\"" | grep -o "\"Org [0-9]*\"" | wc -l | \
    grep -qx 25' sh "$TMP/many.json"
check fail-below-json-level grep -q '"level": 3,' "$TMP/many.json"

# Names that differ only in letter case or spacing are one organisation,
# named as most of its responses write it, with the other spellings kept
# so the report can say so; a respondent id is unique across spellings.
printf 'respondent,organisation,A1,T1,E1\nr1,Dept of Health,none,10,announce\nr2,dept  of health ,some,20,answer\nr3,Dept of Health,rule,30,consult\n' >"$TMP/case.csv"
assess score -s tests/data/mini/survey.json -f json "$TMP/case.csv" >"$TMP/case.json"
check names-merged sh -c '! grep -q "\"id\": \"dept" "$1"' sh "$TMP/case.json"
check names-majority-spelling grep -q '"id": "Dept of Health",' "$TMP/case.json"
check names-other-spellings grep -q '"also_written_as": \["dept  of health"\]' "$TMP/case.json"
check names-respondents-added grep -q '"respondents": 3,' "$TMP/case.json"
printf 'r1,DEPT OF HEALTH,rule,30,consult\n' >>"$TMP/case.csv"
expect_err names-same-respondent 1 "^assess: $TMP/case.csv:5:1: respondent 'r1' of organisation 'DEPT OF HEALTH' appears more than once$" \
    assess score -s tests/data/mini/survey.json "$TMP/case.csv"
# Respondent ids are remembered past the first thousand or so, where the
# table that holds them has grown several times: 5,000 respondents of 7
# organisations, then each of three early ones again, one at a time.
awk 'BEGIN { print "respondent,organisation,A1"
    for (i = 1; i <= 5000; i++) printf "r%d,Org %d,some\n", i, i % 7 }' \
    >"$TMP/many.csv"
check many-distinct-respondents sh -c '"$1" score -s tests/data/mini/survey.json \
    -f json "$2" | grep -q "\"respondents\": 714,"' sh "$ASSESS" "$TMP/many.csv"
for r in 1 2 999; do
	{ cat "$TMP/many.csv"; printf 'r%d,Org %d,none\n' $r $((r % 7)); } >"$TMP/again.csv"
	expect_err "many-same-respondent-$r" 1 "^assess: $TMP/again.csv:5002:1: respondent 'r$r' of organisation 'Org $((r % 7))' appears more than once$" \
	    assess score -s tests/data/mini/survey.json "$TMP/again.csv"
done
# A tie between two spellings goes to the first in byte order, whatever
# the order of the rows.
printf 'organisation,A1\nriver library,none\nRiver Library,some\n' >"$TMP/tie1.csv"
printf 'organisation,A1\nRiver Library,some\nriver library,none\n' >"$TMP/tie2.csv"
check names-tie-first sh -c '"$1" score -s tests/data/mini/survey.json -f json "$2" | \
    grep -q "\"id\": \"River Library\""' sh "$ASSESS" "$TMP/tie1.csv"
check names-tie-either-order sh -c '"$1" score -s tests/data/mini/survey.json -f json "$2" | \
    grep -q "\"id\": \"River Library\""' sh "$ASSESS" "$TMP/tie2.csv"

test_done
