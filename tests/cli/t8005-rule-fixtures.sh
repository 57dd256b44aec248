# assess test: rule fixtures, passing and failing, and assess check
# running a rule script over its survey's fixtures.
. tests/cli/lib.sh

# The bundled fixtures pass with the bundled rules, file by file or by
# folder.
expect quick-check-fixtures 0 \
    assess test rules/quick-check.lua rules/fixtures/quick-check
expect readiness-fixtures 0 \
    assess test rules/social-media-readiness.lua \
    rules/fixtures/social-media-readiness
expect one-fixture 0 assess test -s quick-check rules/quick-check.lua \
    rules/fixtures/quick-check/weakest-link.json

# Every kind of expectation, not met: each difference with the fixture's
# line and column, what was expected and what the rules gave; a folder
# mixing passing and failing fixtures, in name order; exit status 1.
expect differences 1 \
    assess test rules/quick-check.lua tests/data/fixtures/mixed
expect differences-one-file 1 assess test rules/quick-check.lua \
    tests/data/fixtures/mixed/c-from-file.json \
    rules/fixtures/quick-check/all-enabled.json

# The readiness fixtures run with the quick check's rules: the survey
# they name decides, and a rule script of another survey fails on the
# first one with the rule's own message and the fixture it ran.
expect_err other-rules 1 "^assess: rules/quick-check[.]lua:[0-9]+: .*\(fixture rules/fixtures/social-media-readiness/lowest[.]json\)$" \
    assess test rules/quick-check.lua rules/fixtures/social-media-readiness

# A copy of the readiness rules that silently drops a finding (it is no
# longer in the list of findings) passes check, but not its fixtures.
sed 's/no_training, mixed_messages,/no_training,/' \
    rules/social-media-readiness.lua >"$TMP/dropped.lua"
check dropped-finding-is-edited sh -c '! cmp -s "$1" "$2"' sh \
    rules/social-media-readiness.lua "$TMP/dropped.lua"
expect dropped-finding-checks 0 sh -c \
    '"$1" check -s social-media-readiness "$2" >/dev/null' sh "$ASSESS" \
    "$TMP/dropped.lua"
expect dropped-finding 1 assess test -s social-media-readiness \
    "$TMP/dropped.lua" rules/fixtures/social-media-readiness

expect usage 2 assess test rules/quick-check.lua
expect no-rules 1 assess test nope.lua rules/fixtures/quick-check
expect no-fixture 1 assess test rules/quick-check.lua \
    rules/fixtures/quick-check/all-lowest.json nope.json
expect help 0 assess test -h

# check: the ok line says how many fixtures the rules ran on.
expect check-bundled 0 assess check rules/quick-check.lua \
    rules/social-media-readiness.lua

# check reads a fixture and scores its answers with its survey's rules,
# without comparing: a fixture whose expectations are not met is sound.
expect check-fixtures 0 assess check rules/fixtures/quick-check/all-lowest.json \
    tests/data/fixtures/mixed/c-from-file.json

# A misspelt id or option value in a copy of the bundled rules fails
# check with the rule file and line.  In the data table of the readiness
# rules, the table's own check names it ...
cp rules/social-media-readiness.lua "$TMP/readiness.lua"
line=$(grep -n "QUESTIONS names question '" rules/social-media-readiness.lua | cut -d: -f1)
sed 's/"ACC-06"/"ACC-66"/' rules/social-media-readiness.lua >"$TMP/readiness.lua"
expect_err check-typo-question 1 "^assess: $TMP/readiness[.]lua:$line: QUESTIONS names question 'ACC-66', which the survey does not have" \
    assess check -s social-media-readiness "$TMP/readiness.lua"
line=$(grep -n "QUESTIONS names option '" rules/social-media-readiness.lua | cut -d: -f1)
sed 's/"blocked_all"/"blocked_al"/' rules/social-media-readiness.lua >"$TMP/readiness.lua"
expect_err check-typo-value 1 "^assess: $TMP/readiness[.]lua:$line: QUESTIONS names option 'blocked_al' of ACC-01, which the survey does not have" \
    assess check -s social-media-readiness "$TMP/readiness.lua"
# ... and in the code, the line that reads it, which only an answer of
# 'open_all' reaches: the empty organisation passes, a fixture does not.
line=$(grep -n 'at_least(org, "ACC-06", 3)' rules/social-media-readiness.lua | cut -d: -f1)
sed 's/at_least(org, "ACC-06", 3)/at_least(org, "ACC-66", 3)/' \
    rules/social-media-readiness.lua >"$TMP/readiness.lua"
expect_err check-typo-in-code 1 "^assess: $TMP/readiness[.]lua:$line: question 'ACC-66' is not declared in QUESTIONS .*\(fixture rules/fixtures/social-media-readiness/mature-on-paper[.]json\)$" \
    assess check -s social-media-readiness "$TMP/readiness.lua"
# In the quick check's rules, a misspelt option value is read only when
# the question has answers: the run on no answers passes, the fixtures
# find it, at its line.
line=$(grep -n 'chose("QC-LDR-02", "stall")' rules/quick-check.lua | cut -d: -f1)
sed 's/chose("QC-LDR-02", "stall")/chose("QC-LDR-02", "stal")/' \
    rules/quick-check.lua >"$TMP/quick-check.lua"
expect_err check-typo-quick-check 1 "^assess: $TMP/quick-check[.]lua:[0-9]+: unknown option 'stal' of QC-LDR-02; did you mean 'stall'[?] \(called from $TMP/quick-check[.]lua:$line\)" \
    assess check "$TMP/quick-check.lua"
# The same copy, with the fixtures of its survey: the rules' error, and
# no report.
expect_err test-typo-quick-check 1 "^assess: $TMP/quick-check[.]lua:[0-9]+: unknown option 'stal'" \
    assess test "$TMP/quick-check.lua" rules/fixtures/quick-check

# The examples of fixtures in the documentation pass.
for doc in rules/API.md surveys/FORMAT.md; do
	name=doc-example-$(basename "$doc" .md)
	awk '/^```json$/ { keep = 1; text = ""; next }
	    /^```$/ { if (keep && text ~ /assess-rule-fixture/) printf "%s", text; keep = 0; next }
	    keep { text = text $0 "\n" }' "$doc" >"$TMP/$name.json"
	check "$name" assess test rules/quick-check.lua "$TMP/$name.json"
done

test_done
