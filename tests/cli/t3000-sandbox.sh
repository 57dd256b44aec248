# The rule sandbox from the inside: what a rule can do (read the survey,
# import libraries, log), and that one file cannot change what another
# sees.  The escapes that must fail are in the bad-input corpus
# (tests/bad/lua, run by t8000).
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json"

# Tampering attempts fail, a library loaded afterwards sees the real
# string library, read-only tables iterate, assess.log escapes what it
# prints.
expect isolation 0 assess score $MINI -r tests/data/sandbox/isolation.lua -f csv tests/data/mini-one.csv tests/data/mini-answers.json
# Two runs of the same rules give the same bytes.
expect minimal 0 assess score $MINI -r tests/data/sandbox/minimal.lua -f csv tests/data/mini-one.csv
cp "$TMP/out" "$TMP/minimal.first"
check minimal-again sh -c '"$1" score -s tests/data/mini/survey.json -r tests/data/sandbox/minimal.lua \
    -f csv tests/data/mini-one.csv | cmp - "$2"' sh "$ASSESS" "$TMP/minimal.first"
# A byte-order mark, a "#!" line and CRLF line ends keep line numbers.
expect bom-shebang 1 assess score $MINI -r tests/data/sandbox/bom-shebang.lua tests/data/mini-one.csv
# A score of -0.0 (which passes "0 to 100") is reported as 0.0, not as a
# number that starts with '-'.
expect negative-zero 0 assess score $MINI -r tests/data/sandbox/negative-zero.lua -f csv tests/data/mini-one.csv
# assess check loads a rule file against a survey.
expect check-rules 0 assess check $MINI tests/data/mini/mini.lua tests/data/sandbox/isolation.lua
expect check-bad-rules 1 assess check $MINI tests/bad/lua/uses-os.lua tests/data/mini/mini.lua tests/bad/lua/syntax.lua

# Rules found in the data folder's rules/ are named rules/FILE.lua, and
# libraries come from its rules/lib.
expect datadir-list 0 env ASSESS_PATH=tests/data/datadir ${VG:-} "$ASSESS" list
expect datadir-runtime-error 1 env ASSESS_PATH=tests/data/datadir ${VG:-} "$ASSESS" score -s broken tests/data/mini-one.csv

# A rule that is stopped leaves no report behind, even with -o.
check no-report-after-stop sh -c '! "$1" score -s tests/data/mini/survey.json \
    -r tests/bad/lua/rep-bomb.lua -o "$2/r.md" tests/data/mini-one.csv \
    2>/dev/null && ! test -e "$2/r.md"' sh "$ASSESS" "$TMP"

test_done
