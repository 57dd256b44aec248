# assess interview: the scripted protocol (DESIGN.md, Answers), the
# journal, resuming after a crash, and what it refuses.
. tests/cli/lib.sh

# Everything runs in $TMP/w, on a copy of the mini survey, so messages
# name short relative paths.
W=$TMP/w
mkdir -p "$W/mini"
cp tests/data/mini/survey.json tests/data/mini/mini.lua "$W/mini/"
ALL=tests/data/interview/all.in

# expect_in NAME STATUS INPUT ARGS...: 'assess interview -s
# mini/survey.json ARGS...' in $W with INPUT on standard input; status,
# stdout and stderr as in expect.
expect_in() {
	name=$1
	want=$2
	input=$3
	shift 3
	(cd "$W" && ${VG:-} "$ASSESS" interview -s mini/survey.json "$@") \
	    <"$input" >"$TMP/out" 2>"$TMP/err"
	code=$?
	if [ "$code" -ne "$want" ]; then
		not_ok "$name" "exit status $code, expected $want" \
		    "$(head -c 600 "$TMP/err")"
	elif ! compare "$name" out; then
		not_ok "$name" "stdout differs:" "$(head -n 30 "$TMP/diff")"
	elif ! compare "$name" err; then
		not_ok "$name" "stderr differs:" "$(head -n 30 "$TMP/diff")"
	else
		ok "$name"
	fi
}

# the answers file, without its date
answers() {
	sed 's/"submitted": "[0-9-]*"/"submitted": "DATE"/' "$W/$1"
}

# A whole interview: numbers, values, labels in any case, a refused
# answer, help, going back, a multi answer, free text.
expect_in scripted 0 $ALL --organisation Alpha
answers answers.json >"$TMP/out"; : >"$TMP/err"
if compare scripted-answers out; then ok scripted-answers; else
	not_ok scripted-answers "$(head -n 30 "$TMP/diff")"; fi
check journal-removed test ! -e "$W/answers.json.journal"
check answers-score assess score -s "$W/mini/survey.json" "$W/answers.json"

# -o over an existing file is refused (nothing is asked), unless --force
expect_in exists 2 $ALL
expect_in force 0 $ALL --force -o answers.json
rm -f "$W/answers.json"

# another role's questions; a condition that rules a question out
expect_in role-ops 0 tests/data/interview/ops.in --role ops -o ops.json
answers ops.json >"$TMP/out"; : >"$TMP/err"
if compare role-ops-answers out; then ok role-ops-answers; else
	not_ok role-ops-answers "$(head -n 30 "$TMP/diff")"; fi
expect_in when-skips 0 tests/data/interview/all-open.in -o open.json
check when-skips-a5 sh -c "! grep -q A5 '$W/open.json'"

# typed control characters, invalid UTF-8 and a NUL are refused, and the
# question asked again
printf 'so\033[31mme\nru\302\233le\n\342\200\256all\n\377\nno\000ne\n' \
    >"$TMP/ctl.in"
tail -n +2 $ALL >>"$TMP/ctl.in"
expect_in control-chars 0 "$TMP/ctl.in" -o ctl.json

# the input ends early: the answers are kept in the journal, and
# --resume asks only what is left
head -n 3 $ALL >"$TMP/three.in"
expect_in ended-early 1 "$TMP/three.in" -o part.json
expect_in unfinished 2 $ALL -o part.json
tail -n +4 $ALL >"$TMP/rest.in"
expect_in resumed 0 "$TMP/rest.in" -o part.json --resume
answers part.json | sed 's/"part"/"Alpha"/' >"$TMP/out"; : >"$TMP/err"
if compare scripted-answers out; then ok resumed-answers; else
	not_ok resumed-answers "$(head -n 30 "$TMP/diff")"; fi
expect_in nothing-to-resume 2 $ALL -o none.json --resume


# A journal cut short in the middle of a line (a power cut while saving):
# the whole answers are kept, the cut one is asked again.
printf 'assess-journal/1\tmini\t1\torg\tCut\nA1\tsome\nA2\tdash;video\nA3\t1' \
    >"$W/cut.json.journal"
tail -n +5 $ALL >"$TMP/cut.in"
expect_in cut-line 0 "$TMP/cut.in" -o cut.json --resume
check cut-line-kept grep -q '"A2": \["dash", "video"\]' "$W/cut.json"

# journals that cannot be resumed: nothing is asked, and the journal
# is left as it was
bad_journal() {
	name=$1
	printf "$2" >"$W/$name.json.journal"
	cp "$W/$name.json.journal" "$TMP/before"
	want=$3
	shift 3
	expect_in "$name" "$want" $ALL -o "$name.json" --resume "$@"
	check "$name-kept" cmp "$TMP/before" "$W/$name.json.journal"
}
bad_journal other-version 'assess-journal/1\tmini\t2\torg\tX\nA1\tsome\n' 1
bad_journal other-survey 'assess-journal/1\tquick-check\t2026.1\torg\tX\n' 1
bad_journal not-a-journal 'respondent,organisation\n' 1
bad_journal bad-value 'assess-journal/1\tmini\t1\torg\tX\nA1\tmaybe\nA2\t\n' 1
bad_journal bad-question 'assess-journal/1\tmini\t1\torg\tX\nZ9\tsome\n' 1
bad_journal other-role-question 'assess-journal/1\tmini\t1\torg\tX\nT2\t4\n' 1
bad_journal no-tab 'assess-journal/1\tmini\t1\torg\tX\nA1 some\n' 1
bad_journal control 'assess-journal/1\tmini\t1\torg\tX\nE2\ta\033b\n' 1
bad_journal cut-header 'assess-journal/1\tmi' 1
bad_journal role-differs 'assess-journal/1\tmini\t1\tops\tX\n' 2 --role org

# Killed (SIGKILL) after six answers: the six are on disk, and --resume
# asks only the last two questions.
lines() {
	if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi
}
killed() {
	rm -f "$W/k.json" "$W/k.json.journal" "$TMP/fifo"
	mkfifo "$TMP/fifo"
	(cd "$W" && exec "$ASSESS" interview -s mini/survey.json -o k.json \
	    --organisation Alpha) <"$TMP/fifo" >/dev/null 2>&1 &
	pid=$!
	exec 3>"$TMP/fifo"
	sed -n '2,3p;5p;8,10p' $ALL >&3	# six answers: A1-A5, T1
	i=0
	while [ "$(lines "$W/k.json.journal")" -lt 7 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 $pid
	wait $pid 2>/dev/null
	exec 3>&-
	[ "$(wc -l <"$W/k.json.journal")" -eq 7 ] || return 1
	tail -n 2 $ALL | (cd "$W" && "$ASSESS" interview -s mini/survey.json \
	    -o k.json --resume) >"$TMP/k.out" 2>&1 || return 1
	grep -q '^6 answers kept from before' "$TMP/k.out" &&
	! grep -q '^A1 ' "$TMP/k.out" && grep -q '^E1 ' "$TMP/k.out" &&
	answers k.json | diff - $GOLDEN/scripted-answers.out
}
check killed-resumed killed

test_done
