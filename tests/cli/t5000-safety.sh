# Crash safety and the environment: reports reach the disk in the order
# write, fsync, rename, fsync of the directory; a full disk keeps the
# previous report; a reader that stops early gets no noise; the output is
# the same in any locale; oversized inputs are refused before reading.
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json"
BUILD=$(dirname "$ASSESS")
O=$TMP/o
mkdir "$O"

# -o: write the temp file, fsync it, rename it over the report, fsync the
# directory (checked on the system calls themselves).
if command -v strace >/dev/null 2>&1; then
	# (LeakSanitizer cannot run under ptrace; this checks the order only)
	ASAN_OPTIONS=detect_leaks=0 strace -f -o "$TMP/trace" \
	    -e trace=openat,write,fsync,rename,close "$ASSESS" score $MINI -o "$O/r.json" tests/data/mini-one.csv
	awk '
	/openat\(.*\/\.r\.json\.[A-Za-z0-9]+", .*O_CREAT/ {
		split($0, a, "= "); tmpfd = a[2] + 0; opened = NR }
	tmpfd && $0 ~ "write\\(" tmpfd "," { wrote = NR }
	tmpfd && $0 ~ "fsync\\(" tmpfd "\\)" && !synced { synced = NR }
	/rename\(.*\.r\.json\.[A-Za-z0-9]+", ".*\/r\.json"\)/ { renamed = NR }
	/openat\(.*O_DIRECTORY/ && renamed { split($0, a, "= "); dirfd = a[2] + 0 }
	dirfd && $0 ~ "fsync\\(" dirfd "\\)" { dirsync = NR }
	END {
		ok = opened && wrote > opened && synced > wrote &&
		    renamed > synced && dirsync > renamed
		printf "open %d write %d fsync %d rename %d fsync(dir) %d\n",
		    opened, wrote, synced, renamed, dirsync
		exit !ok
	}' "$TMP/trace" >"$TMP/order"
	check "write-fsync-rename-fsync-dir ($(cat "$TMP/order"))" test $? -eq 0
else
	not_ok "write-fsync-rename-fsync-dir" "strace is not installed"
fi

# A full disk: the previous report stays, the message says so, status 3.
printf 'the previous report\n' >"$O/keep.md"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
expect_err full-disk 3 "^assess: $O/keep.md: cannot write: No space left on device \\(previous report kept\\)$" \
    env LD_PRELOAD="$BUILD/tests/enospc.so" "$ASSESS" score $MINI -o "$O/keep.md" tests/data/mini-one.csv
check full-disk-keeps-report test "$(cat "$O/keep.md")" = "the previous report"
check full-disk-no-temp-file test "$(ls -A "$O" | grep -c '^\.')" -eq 0
expect_err full-disk-new-file 3 "^assess: $O/new.md: cannot write: No space left on device$" \
    env LD_PRELOAD="$BUILD/tests/enospc.so" "$ASSESS" score $MINI -o "$O/new.md" tests/data/mini-one.csv
check full-disk-no-new-file test ! -e "$O/new.md"

# A reader that stops early (head) gets no "Broken pipe" message (run
# without valgrind, which reports the signal itself).
"$ASSESS" score -f json surveys/social-media-readiness/examples/agencies-comparison.csv \
    2>"$TMP/pipe.err" | head -c 100 >/dev/null
check closed-pipe-is-quiet test ! -s "$TMP/pipe.err"
# ... also when the caller left SIGPIPE ignored (as some shells and
# services do).
(trap '' PIPE; "$ASSESS" score -f json surveys/social-media-readiness/examples/agencies-comparison.csv \
    2>"$TMP/pipe2.err" | head -c 100 >/dev/null)
check closed-pipe-is-quiet-sigpipe-ignored test ! -s "$TMP/pipe2.err"

# The same bytes in a locale with a decimal comma.  The locale is built
# here (glibc's localedef, into a private folder), and shown to be live
# before it is trusted.
mkdir "$TMP/loc"
if command -v localedef >/dev/null 2>&1 &&
    localedef -i de_DE -f UTF-8 "$TMP/loc/de_DE.UTF-8" >/dev/null 2>&1 &&
    [ "$(env LOCPATH="$TMP/loc" LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 1.5)" = "1,5" ]; then
	for f in md json csv; do
		assess score -t au-gov20-agency-baseline-2010 -f $f \
		    surveys/social-media-readiness/examples/agency-audit.csv >"$TMP/c.$f"
		env LOCPATH="$TMP/loc" LC_ALL=de_DE.UTF-8 "$ASSESS" score \
		    -t au-gov20-agency-baseline-2010 -f $f \
		    surveys/social-media-readiness/examples/agency-audit.csv >"$TMP/de.$f"
		check "locale-de_DE-$f" cmp "$TMP/c.$f" "$TMP/de.$f"
	done
else
	not_ok "locale-de_DE" "could not build the de_DE.UTF-8 locale (package locales)"
fi

# Oversized input is refused from its size alone.
{ printf '{"a": "'; head -c 9000000 /dev/zero | tr '\0' 'x'; printf '"}'; } >"$TMP/huge.json"
expect_err huge-json 1 "^assess: $TMP/huge.json: is 8.6 MiB, larger than the 8 MiB limit$" \
    assess check "$TMP/huge.json"
# A file small in bytes but huge in values (the parser's memory grows with
# values) is refused before cJSON builds a tree.
awk 'BEGIN { printf "["; for (i = 0; i < 500001; i++) printf "0,"; printf "0]\n" }' >"$TMP/values.json"
expect_err too-many-values 1 "^assess: $TMP/values.json:1:1000000: more than 500000 values in one file$" \
    assess check "$TMP/values.json"
# A FIFO or a device is not read at all.
mkfifo "$TMP/fifo.csv"
expect_err fifo 1 "^assess: $TMP/fifo.csv: is not a regular file$" assess score $MINI "$TMP/fifo.csv"
expect_err device 1 "^assess: /dev/zero: is not a regular file$" assess score $MINI /dev/zero

test_done
