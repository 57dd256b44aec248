# tests/cli/lib.sh - helpers for the command-line tests.
#
# A test script sources this file, runs cases, and ends with test_done.
# Commands run from the top of the tree with LC_ALL=C, so messages name
# files by the relative paths given.  Golden files live in
# tests/cli/golden/SCRIPT/CASE.{out,err}; a missing file means "expect
# nothing".  UPDATE=1 rewrites them.
set -u
: "${ASSESS:?set ASSESS to the binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
LC_ALL=C
export LC_ALL
unset ASSESS_PATH
SCRIPT=$(basename "$0" .sh)
GOLDEN=tests/cli/golden/$SCRIPT
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DATA=tests/data
passed=0
failed=0

assess() {
	${VG:-} "$ASSESS" "$@"
}

ok() {
	passed=$((passed + 1))
	echo "ok - $SCRIPT: $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $SCRIPT: $1"
	shift
	for line in "$@"; do echo "  $line"; done
}

# compare NAME KIND: actual $TMP/KIND against the golden file
compare() {
	g=$GOLDEN/$1.$2
	if [ -n "${UPDATE:-}" ]; then
		mkdir -p "$GOLDEN"
		if [ -s "$TMP/$2" ]; then cp "$TMP/$2" "$g"; else rm -f "$g"; fi
		return 0
	fi
	if [ -f "$g" ]; then
		diff -u "$g" "$TMP/$2" >"$TMP/diff" 2>&1 && return 0
	else
		[ -s "$TMP/$2" ] || return 0
		diff -u /dev/null "$TMP/$2" >"$TMP/diff" 2>&1
	fi
	return 1
}

# expect NAME STATUS COMMAND...: run it; the exit status must be STATUS
# and stdout and stderr must match the golden files.
expect() {
	name=$1
	want=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	code=$?
	if [ "$code" -ne "$want" ]; then
		not_ok "$name" "exit status $code, expected $want" \
		    "$(head -c 600 "$TMP/err")"
		return
	fi
	if ! compare "$name" out; then
		not_ok "$name" "stdout differs:" "$(head -n 30 "$TMP/diff")"
		return
	fi
	if ! compare "$name" err; then
		not_ok "$name" "stderr differs:" "$(head -n 30 "$TMP/diff")"
		return
	fi
	ok "$name"
}

# expect_err NAME STATUS REGEX COMMAND...: the exit status must be STATUS
# and the first line of stderr must match the extended REGEX (for
# messages whose detail may vary, such as which limit trips first).
expect_err() {
	name=$1
	want=$2
	re=$3
	shift 3
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	code=$?
	first=$(head -n 1 "$TMP/err")
	if [ "$code" -ne "$want" ]; then
		not_ok "$name" "exit status $code, expected $want" "$first"
	elif ! printf '%s\n' "$first" | grep -Eq -- "$re"; then
		not_ok "$name" "stderr: $first" "expected to match: $re"
	else
		ok "$name"
	fi
}

# check NAME COMMAND...: the command (a shell test) must succeed.
check() {
	name=$1
	shift
	if "$@" >"$TMP/check" 2>&1; then
		ok "$name"
	else
		not_ok "$name" "$(head -n 10 "$TMP/check")"
	fi
}

test_done() {
	echo "RESULT passed=$passed failed=$failed"
}
