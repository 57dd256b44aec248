# The manual page and the bash completion agree with the program: the
# same commands, and for each the same options as 'assess help COMMAND'.
. tests/cli/lib.sh

MAN=assess/assess.1
COMP=assess/assess.bash-completion

assess --help >"$TMP/help" || exit 1
for c in $(sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' "$TMP/help"); do
	assess help "$c" >"$TMP/help-$c" || exit 1
done

agree() {
	python3 - "$TMP" "$MAN" "$COMP" <<'PY'
import glob, os, re, sys
tmp, man, comp = sys.argv[1:]
cmds = sorted(os.path.basename(f)[5:] for f in glob.glob(tmp + "/help-*"))
page = open(man).read().replace("\\-", "-")
blocks = dict(re.findall(r"^\.SS (\S+)\n(.*?)(?=^\.S[SH] )", page, re.S | re.M))
script = open(comp).read()
bad = []
if sorted(blocks) != cmds:
    bad.append("man page commands %s, program %s" % (sorted(blocks), cmds))
listed = "score" + re.search(r'compgen -W "score(.*?)"', script, re.S).group(1)
for c in cmds:
    help = open("%s/help-%s" % (tmp, c)).read()
    # option lines only: "  -s, --survey" or "      --resume"
    want = set(re.findall(r"^(?:  (-\w), |      )(--[\w-]+)", help, re.M))
    want = {o for pair in want for o in pair if o}
    got = set()
    for line in re.findall(r"^\.TP\n(.*)$", blocks.get(c, ""), re.M):
        got |= set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", line))
    if want != got:
        bad.append("%s: help has %s, man page %s" % (c, sorted(want), sorted(got)))
    if c not in listed.split():
        bad.append("%s: not among the completion's commands" % c)
    m = re.search(r"^\t%s\) opts=\"(.*?)\" ;;" % c, script, re.S | re.M)
    if m and set(m.group(1).split()) != want:
        bad.append("%s: help has %s, completion %s" % (c, sorted(want), sorted(set(m.group(1).split()))))
    if not m and want - {"-h", "--help"}:
        bad.append("%s: the completion offers no options" % c)
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
}
check manual-matches-help agree

# the completion, run as bash runs it
complete_words() {
	bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_assess; printf "%s\n" "${COMPREPLY[@]}"' sh "$COMP" "$@"
}
completes() {
	PATH=$(dirname "$ASSESS"):$PATH
	export PATH
	complete_words assess int | grep -qx interview &&
	complete_words assess interview --re | grep -qx -- --resume &&
	complete_words assess show -s quick | grep -qx quick-check &&
	complete_words assess score -t au-gov | grep -qx au-gov20-agency-baseline-2010 &&
	complete_words assess template -f "" | sort | tr '\n' ' ' |
	    grep -qx 'csv md '
}
check completion completes

# man renders the page without a warning
if ! command -v man >/dev/null 2>&1; then
	echo "  SKIP t2004-manual: man is not installed, so the page's rendering"
	echo "  SKIP t2004-manual: is NOT tested (make test-deps installs it)"
else
	render() {
		MANWIDTH=80 man --warnings -l "$MAN" >"$TMP/man.txt" 2>"$TMP/man.err" &&
		[ ! -s "$TMP/man.err" ] &&
		grep -q '^EXIT STATUS' "$TMP/man.txt" &&
		grep -q 'ASSESS_PATH' "$TMP/man.txt" &&
		grep -q '^   interview' "$TMP/man.txt"
	}
	check manual-renders render
fi

test_done
