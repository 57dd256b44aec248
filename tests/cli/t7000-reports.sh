#!/bin/sh
# t7000-reports: the three report kinds (--report full, summary,
# business-case) in every format, the roadmap, the standalone HTML, and
# Markdown that pandoc turns into a Word document.
. "$(dirname "$0")/lib.sh"

MINI="-s tests/data/mini/survey.json"
E=surveys/social-media-readiness/examples
LIB=$E/library-self-assessment.csv
AU="-t au-gov20-agency-baseline-2010"

# ---- the three kinds, pinned on the library self-assessment ----
expect summary-md 0 assess score $AU --report summary $LIB
expect business-case-md 0 assess score $AU --report business-case $LIB
expect summary-json 0 assess score $AU --report summary -f json $LIB
expect business-case-csv 0 assess score $AU --report business-case -f csv $LIB
expect html-mini 0 assess score $MINI -f html tests/data/mini-one.csv
expect quick-check-business-case 0 assess score -s quick-check \
    --report business-case surveys/quick-check/examples/library-quick-check.csv
expect bad-report 2 assess score --report brief $LIB
expect compare-business-case 2 assess compare $AU --report business-case \
    $E/agencies-comparison.csv
expect compare-bad-report 2 assess compare $AU --report brief \
    $E/agencies-comparison.csv
expect trend-no-report 2 assess trend --report summary x.json y.json
expect_err report-missing-value 2 "needs a value|requires an argument" \
    assess score $LIB --report

# ---- every bundled example gives every kind in md, html, json, csv ----
for f in $E/*.csv surveys/quick-check/examples/*.csv; do
	s=social-media-readiness
	case $f in surveys/quick-check/*) s=quick-check ;; esac
	for k in full summary business-case; do
		for fmt in md html json csv; do
			n="$(basename "$f" .csv)-$k-$fmt"
			if assess score -s $s --report $k -f $fmt "$f" \
			    >"$TMP/$n" 2>"$TMP/$n.err" && [ -s "$TMP/$n" ] &&
			    [ ! -s "$TMP/$n.err" ]; then
				ok "$n"
			else
				not_ok "$n" "$(head -c 300 "$TMP/$n.err")"
			fi
		done
	done
done

# JSON reports parse, and name their kind
for k in full summary business-case; do
	check "json-$k-parses" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["report"] == sys.argv[2], d["report"]
o = d["organisations"][0]
assert o["roadmap"], "no roadmap"
' "$TMP/agency-audit-$k-json" "$k"
done

# ---- the roadmap: policy before devolved approvals, access before
# listening and measurement; every step names the gap it closes ----
check roadmap-order python3 -c '
import json, sys
order = {"30": 0, "60": 1, "90": 2, "later": 3}
for f in sys.argv[1:]:
    for o in json.load(open(f))["organisations"]:
        steps = o["roadmap"]
        at = {s["closes"]["dimension"]: s for s in steps}
        for s in steps:
            assert s["closes"]["to_level"] > s["closes"]["from_level"]
            for d in s["depends_on"]:
                p = steps[d - 1]
                assert order[p["horizon"]] < order[s["horizon"]] or \
                    p["horizon"] == "later" == s["horizon"], (o["id"], s, p)
        for a, b in (("POL", "APR"), ("ACC", "LST"), ("ACC", "MEA")):
            if a in at and b in at and at[a]["closes"]["from_level"] < 3:
                assert at[a]["step"] in at[b]["depends_on"], (o["id"], a, b)
' "$TMP/library-self-assessment-full-json" "$TMP/agency-audit-full-json" \
    "$TMP/agencies-comparison-full-json"

# ---- HTML stands alone: a CSP, no scripts, nothing to fetch ----
for f in "$TMP"/*-html; do
	n=$(basename "$f")
	check "$n-standalone" sh -c '
		grep -q "Content-Security-Policy\" content=\"default-src '"'"'none'"'"'; style-src '"'"'unsafe-inline'"'"'\"" "$1" &&
		! grep -qi "<script\|<link\|<img\|<iframe\|<object\|src=\|@import\|url(http" "$1" &&
		grep -q "<svg" "$1" && tail -n 1 "$1" | grep -q "</html>"' sh "$f"
done
check html-summary-has-radar grep -q 'class="radar"' \
    "$TMP/agency-audit-summary-html"
assess score $AU -f html $E/agency-audit.csv >"$TMP/audit.html"
check html-full-has-gaps-and-roles sh -c \
    'grep -q "Gap to the target" "$1" || exit 1; grep -q "as each role sees it" "$1"' \
    sh "$TMP/audit.html"

# ---- hostile names are text in every context ----
# two copies of the library's answers under hostile names
{
	cat $LIB
	sed -n '2p' $LIB | sed 's/^[^,]*,[^,]*,/x1,"<script>alert(1)<\/script>",/'
	sed -n '2p' $LIB | sed "s/^[^,]*,[^,]*,/x2,\"St. Mary's Library_Service [Main] #1 <Central>\",/"
} >"$TMP/hostile.csv"
assess score -f html "$TMP/hostile.csv" >"$TMP/hostile.html" 2>/dev/null
check html-hostile-escaped sh -c \
    'grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$1" && ! grep -q "<script" "$1"' \
    sh "$TMP/hostile.html"
assess score "$TMP/hostile.csv" >"$TMP/hostile.md" 2>/dev/null
check md-names-as-written grep -qF \
    "## St. Mary's Library_Service [Main] #1 \\<Central>" "$TMP/hostile.md"
check md-script-is-text grep -qF '## \<script>alert(1)\</script>' \
    "$TMP/hostile.md"

# ---- pandoc: the Markdown converts, and the names stay text ----
if command -v pandoc >/dev/null 2>&1; then
	check pandoc-docx sh -c 'pandoc -f markdown "$1" -o "$2" &&
	    unzip -p "$2" word/document.xml | grep -q "Readiness"' \
	    sh "$TMP/library-self-assessment-full-md" "$TMP/report.docx"
	check pandoc-names sh -c 'pandoc --wrap=none -f markdown-smart -t html "$1" >"$2" &&
	    grep -qF "$3" "$2" &&
	    grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" "$2" &&
	    ! grep -q "<script\|<a href=\"javascript" "$2"' \
	    sh "$TMP/hostile.md" "$TMP/hostile-pandoc.html" \
	    "St. Mary's Library_Service [Main] #1 &lt;Central&gt;"
	check commonmark-names sh -c 'pandoc --wrap=none -f commonmark -t html "$1" |
	    grep -qF "St. Mary'"'"'s Library_Service [Main] #1 &lt;Central&gt;"' \
	    sh "$TMP/hostile.md"
else
	echo "SKIP: pandoc is not installed; the Word conversion was NOT tested"
fi

test_done
