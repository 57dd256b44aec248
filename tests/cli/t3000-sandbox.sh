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
# Every table of the survey and the target is read-only at every depth,
# and # agrees with ipairs on each.
expect isolation-target 0 assess score $MINI -t tests/data/mini/targets/mini-target.json -r tests/data/sandbox/isolation.lua -f csv tests/data/mini-one.csv
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
# stats.median: a plain list of integers is done in C (assess.median),
# any other list in Lua, with the same results and errors as before.
expect median 0 assess score $MINI -r tests/data/sandbox/median.lua -f csv tests/data/mini-one.csv
# profile.question_ids: the questions a test keeps, once per run.
expect question-ids 0 assess score $MINI -r tests/data/sandbox/question-ids.lua -f csv tests/data/mini-one.csv
# assess check loads a rule file against a survey.
expect check-rules 0 assess check $MINI tests/data/mini/mini.lua tests/data/sandbox/isolation.lua
expect check-bad-rules 1 assess check $MINI tests/bad/lua/uses-os.lua tests/data/mini/mini.lua tests/bad/lua/syntax.lua

# Rules found in the data folder's rules/ are named rules/FILE.lua, and
# libraries come from its rules/lib.
expect datadir-list 0 env ASSESS_PATH=tests/data/datadir ${VG:-} "$ASSESS" list
expect datadir-runtime-error 1 env ASSESS_PATH=tests/data/datadir ${VG:-} "$ASSESS" score -s broken tests/data/mini-one.csv

# Ids a rule reads that the survey and target know but that have nothing
# to show are nil (a question outside a role's audience, a dimension
# without a target level); pairs() sees every question and option.
expect known-ids 0 assess score $MINI -t tests/data/mini/targets/mini-target.json -r tests/data/sandbox/known-ids.lua -f csv tests/data/mini-audit.csv
expect known-ids-no-target 0 assess score $MINI -r tests/data/sandbox/known-ids.lua -f csv tests/data/mini-audit.csv

# A copy of the bundled rules with one id misspelt fails on the bundled
# examples, naming the rule file, the data table and the misspelling.
# That a line which reads an unknown id is named is pinned by the small
# rule files in tests/bad/lua (known-ids above).  The expected messages
# of the small rule files are pinned in tests/bad/MANIFEST; these follow
# the bundled rules as they change.
typo() {	# NAME FROM TO REGEX
	d=$TMP/typo-$1
	mkdir -p "$d/rules"
	cp -R rules/lib "$d/rules/"
	ln -s "$TOP/surveys" "$d/surveys"
	sed "s/\"$2\"/\"$3\"/g" rules/social-media-readiness.lua \
	    >"$d/rules/social-media-readiness.lua"
	if cmp -s rules/social-media-readiness.lua "$d/rules/social-media-readiness.lua"; then
		not_ok "$1" "the bundled rules no longer mention \"$2\""
		return
	fi
	# agency-audit-2027.csv is left out: it re-surveys the people of
	# agency-audit.csv, and one run refuses the same respondent twice
	e=surveys/social-media-readiness/examples
	if env ASSESS_PATH="$d" ${VG:-} "$ASSESS" score -f json \
	    $e/library-self-assessment.csv $e/agency-audit.csv \
	    $e/agencies-comparison.csv >"$TMP/out" 2>"$TMP/err"; then
		not_ok "$1" "scored without an error"
		return
	fi
	first=$(head -n 1 "$TMP/err")
	if [ -s "$TMP/out" ] || ! printf '%s\n' "$first" | grep -Eq "$4"; then
		not_ok "$1" "stderr: $first"
		return
	fi
	# the bundled rules check their data table against the survey before
	# anything reads it, so the message names the table and the id
	ok "$1"
}
typo bundled-typo-question ACC-06 ACC-66 \
    "^assess: rules/social-media-readiness[.]lua:[0-9]+: QUESTIONS names question 'ACC-66', which the survey does not have"
typo bundled-typo-option blocked_all blocked_al \
    "^assess: rules/social-media-readiness[.]lua:[0-9]+: QUESTIONS names option 'blocked_al' of ACC-01, which the survey does not have"

# The bundled rules as they are (compiled into the binary when Lua is
# linked statically) raise their errors with the file's own name and the
# line of the error() call, as the text compiled at run time does: the
# data table check, run against a survey that lacks its questions.
line=$(grep -n '"QUESTIONS names question' rules/social-media-readiness.lua |
    cut -d: -f1)
expect_err bundled-error-line 1 \
    "^assess: rules/social-media-readiness[.]lua:$line: QUESTIONS names question 'ACC-01', which the survey does not have" \
    assess score -s tests/data/mini/survey.json -r rules/social-media-readiness.lua tests/data/mini-one.csv
# ... and the same text with a comment line added is compiled as it is
# loaded, and scores the same.
d="$TMP/commented"
mkdir -p "$d"
cp -R rules surveys "$d/"
printf -- '-- a local note\n' >>"$d/rules/lib/profile.lua"
e=surveys/social-media-readiness/examples
check bundled-text-same-report sh -c '"$1" score -f json "$3/agency-audit.csv" >"$2/p.json" &&
    ASSESS_PATH="$4" "$1" score -f json "$3/agency-audit.csv" >"$2/t.json" &&
    cmp "$2/p.json" "$2/t.json"' sh "$ASSESS" "$TMP" "$e" "$d"

# A rule that is stopped leaves no report behind, even with -o.
check no-report-after-stop sh -c '! "$1" score -s tests/data/mini/survey.json \
    -r tests/bad/lua/rep-bomb.lua -o "$2/r.md" tests/data/mini-one.csv \
    2>/dev/null && ! test -e "$2/r.md"' sh "$ASSESS" "$TMP"

test_done
