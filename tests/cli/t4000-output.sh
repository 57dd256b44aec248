# Where reports go: -o writes the whole report or nothing, never over an
# input, and a failed run leaves the previous report as it was.
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json"
ONE=tests/data/mini-one.csv
O=$TMP/o
mkdir "$O"

expect o-writes-file 0 assess score $MINI -o "$O/r.json" $ONE
check o-file-is-json sh -c 'head -c 1 "$1" | grep -q "{" && \
    "$2" score -s tests/data/mini/survey.json -f json tests/data/mini-one.csv | cmp - "$1"' \
    sh "$O/r.json" "$ASSESS"
check o-csv-by-extension sh -c '"$1" score -s tests/data/mini/survey.json -o "$2/r.csv" \
    tests/data/mini-one.csv && head -n 1 "$2/r.csv" | grep -q "^\"organisation\""' \
    sh "$ASSESS" "$O"
check o-md-by-default sh -c '"$1" score -s tests/data/mini/survey.json -o "$2/r" \
    tests/data/mini-one.csv && head -n 1 "$2/r" | grep -q "^# "' sh "$ASSESS" "$O"
check f-beats-extension sh -c '"$1" score -s tests/data/mini/survey.json -f csv \
    -o "$2/x.json" tests/data/mini-one.csv && head -c 1 "$2/x.json" | grep -q "\""' \
    sh "$ASSESS" "$O"
check no-temp-files-left sh -c 'test "$(ls -A "$1" | tr "\n" " ")" = "r r.csv r.json x.json "' sh "$O"

# Bad input of each kind: exit 1, no file.
for c in "survey -s tests/bad/json/duplicate-key.json $ONE" \
    "target $MINI -t tests/bad/target/unknown-question.json $ONE" \
    "rules $MINI -r tests/bad/lua/runtime.lua $ONE" \
    "answers $MINI tests/bad/csv/ragged-long.csv"; do
	set -- $c
	kind=$1
	shift
	rm -f "$TMP/bad.md"
	check "no-file-after-bad-$kind" sh -c '"$1" score -o "$2" "$@" 2>/dev/null; \
	    test $? -eq 1 && ! test -e "$2"' sh "$ASSESS" "$TMP/bad.md" "$@"
done

# The previous report survives a failed run untouched.
printf 'previous report\n' >"$TMP/keep.md"
check previous-report-kept sh -c '! "$1" score -s tests/data/mini/survey.json -o "$2" \
    tests/bad/csv/ragged-long.csv 2>/dev/null && test "$(cat "$2")" = "previous report"' \
    sh "$ASSESS" "$TMP/keep.md"

# Refused before any work.
expect o-is-directory 2 assess score $MINI -o tests/data $ONE
expect o-missing-directory 3 assess score $MINI -o tests/no-such-dir/r.md $ONE
expect o-is-input 2 assess score $MINI -o tests/data/mini-one.csv $ONE
check o-input-untouched sh -c 'git diff --quiet -- tests/data/mini-one.csv 2>/dev/null || \
    head -n 1 tests/data/mini-one.csv | grep -q "^respondent,"'

test_done
