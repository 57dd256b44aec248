# tests/cli/corpus.sh - walk the bad-input corpus (tests/bad/MANIFEST):
# every hostile or broken file gets its exit status and its one-line
# message, writes nothing to standard output, and nothing crashes; the
# same message whether the input is parsed on one thread or read ahead.
# Sourced by t800N-*.sh with CORPUS set to the part of tests/bad/ to run
# (split so that the slow valgrind run can use both cores).
. tests/cli/lib.sh

note=
while IFS= read -r line; do
	case $line in
	'# '*) note=${line#\# }; continue ;;
	case\ *) ;;
	*) continue ;;
	esac
	set -- $line
	want=$2
	shift 2
	IFS= read -r expected
	case " $* " in
	*" tests/bad/$CORPUS"*) ;;
	*) continue ;;
	esac
	assess "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	code=$?
	first=$(head -n 1 "$TMP/err")
	name="$note ($*)"
	# reading on one thread or ahead on a second gives the same
	# message: score reads ahead with -j 2, import with its default
	other=
	case "$1 $CORPUS" in
	"score csv/") other="-j 2" ;;
	import*) other="-j 1" ;;
	esac
	if [ -n "$other" ]; then
		cmd=$1
		shift
		assess "$cmd" $other "$@" >"$TMP/out2" 2>"$TMP/err2" </dev/null
		code2=$?
		set -- "$cmd" "$@"
	fi
	if [ -n "$other" ] && { [ "$code2" -ne "$code" ] ||
	    ! cmp -s "$TMP/err" "$TMP/err2" || [ -s "$TMP/out2" ]; }; then
		not_ok "$name" "with $other: exit status $code2, not $code, or" \
		    "another message: $(head -n 1 "$TMP/err2")"
	elif [ "$code" -ne "$want" ]; then
		not_ok "$name" "exit status $code, expected $want" "$first"
	elif [ -s "$TMP/out" ]; then
		not_ok "$name" "wrote to standard output"
	else
		case $expected in
		'~'*)
			if printf '%s\n' "$first" | grep -Eq -- "${expected#\~}"
			then ok "$name"
			else not_ok "$name" "stderr: $first" "expected: $expected"
			fi ;;
		*)
			if [ "$first" = "$expected" ]
			then ok "$name"
			else not_ok "$name" "stderr: $first" "expected: $expected"
			fi ;;
		esac
	fi
done <tests/bad/MANIFEST

test_done
