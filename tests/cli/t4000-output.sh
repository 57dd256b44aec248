# Where reports go: -o writes the whole report or nothing, never over an
# input, and a failed run leaves the previous report as it was; a link is
# followed, a FIFO or device written in place, a report's mode kept.
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
	check "no-file-after-bad-$kind" sh -c 'a=$1 o=$2; shift 2
	    "$a" score -o "$o" "$@" 2>"$o.err"; test $? -eq 1 && ! test -e "$o" &&
	    ! grep -q "build/assess" "$o.err"' sh "$ASSESS" "$TMP/bad.md" "$@"
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

# A FIFO is written in place, not replaced: a reader gets the report
# (timeout, so that a regression cannot hang the suite).
S=$TMP/s
mkdir "$S"
assess score $MINI $ONE >"$TMP/ref.md"
mkfifo "$S/fifo"
timeout 60 cat "$S/fifo" >"$TMP/fifo.out" &
reader=$!
expect o-fifo 0 timeout 60 ${VG:-} "$ASSESS" score $MINI -o "$S/fifo" $ONE
wait $reader
check o-fifo-read cmp "$TMP/fifo.out" "$TMP/ref.md"
check o-fifo-kept test -p "$S/fifo"

# So is a character device, directly and through a link.  As root the
# device is a private copy of /dev/null, so that a regression cannot
# replace the real one; anyone else cannot write in /dev anyway.
dev=$S/null
if ! { mknod "$dev" c 1 3 && : >"$dev"; } 2>/dev/null; then
	rm -f "$dev"
	dev=/dev/null
fi
if [ "$dev" = /dev/null ] && [ "$(id -u)" -eq 0 ]; then
	not_ok "o-device" "cannot make a device node to test with"
else
	ln -s "$dev" "$S/null-link"
	expect o-device 0 assess score $MINI -o "$dev" $ONE
	expect o-device-link 0 assess score $MINI -o "$S/null-link" $ONE
	check o-device-kept sh -c 'test -c "$1" && test -L "$2"' sh "$dev" \
	    "$S/null-link"
fi

# A symbolic link: the file it names is replaced (a relative link is read
# from its own directory), the link stays, no temporary file is left.
mkdir "$S/sub"
printf 'old\n' >"$S/sub/real.md"
ln -s sub/real.md "$S/link.md"
expect o-symlink 0 assess score $MINI -o "$S/link.md" $ONE
check o-symlink-kept test "$(readlink "$S/link.md")" = sub/real.md
check o-symlink-target-written cmp "$S/sub/real.md" "$TMP/ref.md"
check o-symlink-no-temp-files test "$(ls -A "$S/sub")" = real.md

# A dangling link names the file to create, if its directory exists.
ln -s new/r.md "$S/dangling.md"
expect_err o-dangling-no-directory 3 \
    "^assess: $S/dangling.md: cannot write: directory '$S/new' does not exist$" \
    assess score $MINI -o "$S/dangling.md" $ONE
mkdir "$S/new"
expect o-dangling 0 assess score $MINI -o "$S/dangling.md" $ONE
check o-dangling-created sh -c 'test -L "$1" && cmp "$2" "$3"' sh \
    "$S/dangling.md" "$S/new/r.md" "$TMP/ref.md"

# A report kept private stays private when it is written again; a new one
# gets 0666 less the umask.
printf 'old\n' >"$S/private.md"
chmod 600 "$S/private.md"
expect o-private 0 assess score $MINI -o "$S/private.md" $ONE
check o-private-mode-kept test "$(ls -l "$S/private.md" | cut -c 1-10)" = \
    -rw-------
check o-new-file-umask sh -c 'umask 027 && "$1" score \
    -s tests/data/mini/survey.json -o "$2" tests/data/mini-one.csv && \
    test "$(ls -l "$2" | cut -c 1-10)" = -rw-r-----' sh "$ASSESS" "$S/new.md"

# "-o -" and "-o /dev/stdout" are standard output itself: a report added
# to a file opened for appending keeps what was there.
echo "kept" >"$O/appended"
check o-dev-stdout-appends sh -c '"$1" score -s tests/data/mini/survey.json -f csv \
    -o /dev/stdout tests/data/mini-one.csv >>"$2" && head -n 1 "$2" | grep -qx kept && \
    sed -n 2p "$2" | grep -q "^\"organisation\""' sh "$ASSESS" "$O/appended"
check o-dash-is-stdout sh -c '"$1" score -s tests/data/mini/survey.json -f csv -o - \
    tests/data/mini-one.csv | head -n 1 | grep -q "^\"organisation\"" && test ! -e ./-' \
    sh "$ASSESS"

# The report never overwrites what the run loads, however it was named:
# a survey given as its folder, a rule file, a target by path.
mkdir -p "$O/sv"
cp tests/data/mini/survey.json tests/data/mini/mini.lua "$O/sv/"
cp tests/data/mini/targets/mini-target.json "$O/t.json"
for c in "survey-folder -s $O/sv -o $O/sv/survey.json" \
    "rules -s $O/sv -r $O/sv/mini.lua -o $O/sv/mini.lua" \
    "target -s $O/sv -t $O/t.json -o $O/t.json"; do
	set -- $c
	name=$1
	shift
	expect_err "o-input-$name" 2 "^assess: .*: is one of the input files; the report would overwrite it$" \
	    assess score -f json "$@" tests/data/mini-one.csv
done
check o-inputs-untouched sh -c 'cmp -s tests/data/mini/survey.json "$1/sv/survey.json" &&
    cmp -s tests/data/mini/mini.lua "$1/sv/mini.lua" &&
    cmp -s tests/data/mini/targets/mini-target.json "$1/t.json"' sh "$O"

test_done
