#!/bin/sh
# t7100-browser: the HTML reports in a real browser.  Every bundled
# example, in every report kind, rendered by headless Chromium to PDF and
# PNG (kept in build/browser/ to look at), with the DOM checked (charts
# present, an organisation called <script>alert(1)</script> shown as
# text), the network log checked (nothing fetched), and the page counts
# checked with pdfinfo (a summary fits on two pages per organisation).
#
# compare (12 and 60 agencies, full and summary, a hostile name) and
# trend are rendered the same way, their page counts checked.
#
# Run by `make test` and `make browser-test` (BROWSER=1), which install
# Debian's chromium and poppler-utils first; the plain suite skips it.
. "$(dirname "$0")/lib.sh"

if [ "${BROWSER:-}" != 1 ]; then
	echo "skip - t7100-browser: runs under make test or make browser-test"
	test_done
	exit 0
fi
if ! command -v chromium >/dev/null 2>&1 ||
    ! command -v pdfinfo >/dev/null 2>&1; then
	echo "##################################################################"
	echo "SKIP: chromium or poppler-utils is not installed: the HTML reports"
	echo "SKIP: were NOT rendered, printed or checked in a browser."
	echo "##################################################################"
	test_done
	exit 0
fi

OUT=${BROWSER_OUT:-build/browser}
mkdir -p "$OUT"
E=surveys/social-media-readiness/examples
Q=surveys/quick-check/examples

# chromium FILE.html ARGS...: headless, no background traffic, the
# network log in FILE.net.json
browse() {
	f=$1
	shift
	HOME=$TMP timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --disable-extensions \
	    --disable-default-apps --no-pdf-header-footer --hide-scrollbars \
	    --user-data-dir="$TMP/profile" --log-net-log="$f.net.json" \
	    "$@" "file://$TOP/$f" 2>/dev/null
}

# Requests the page made: anything in the network log but the browser's
# own update and account checks (which --disable-background-networking
# does not silence entirely).
fetched() {
	grep -o '"url":"[^"]*"' "$1" | grep -v \
	    '"url":"https\?://[^/"]*\(google\.com\|googleapis\.com\|gvt1\.com\)[/"]' |
	    grep -v '"url":"file://' | grep -v '"url":"data:'
}

nothing_fetched() {
	! fetched "$1"
}

# the check on the network log can fail: a page that loads an image
printf '<!DOCTYPE html><img src="http://127.0.0.9:9/x.png" alt="">\n' \
    >"$OUT/control.html"
browse "$OUT/control.html" --dump-dom >/dev/null
check control-fetch-is-seen fetched "$OUT/control.html.net.json"

# shoot NAME MIN MAX: $OUT/NAME.html to PDF, PNG and DOM; charts there,
# no script, nothing fetched, MIN to MAX pages
shoot() {
	n=$1
	f="$OUT/$n.html"
	browse "$f" --print-to-pdf="$OUT/$n.pdf" --dump-dom >"$OUT/$n.dom"
	browse "$f" --screenshot="$OUT/$n.png" --window-size=1000,1400 \
	    >/dev/null
	check "$n-png" test -s "$OUT/$n.png"
	check "$n-charts" grep -q '<svg[^>]*class="chart"' "$OUT/$n.dom"
	check "$n-no-script" sh -c '! grep -qi "<script" "$1"' sh "$OUT/$n.dom"
	check "$n-nothing-fetched" nothing_fetched "$f.net.json"
	pages=$(pdfinfo "$OUT/$n.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	check "$n-pages ($pages, from $2 to $3)" test "${pages:-0}" -ge "$2" \
	    -a "${pages:-0}" -le "$3"
}

render() {
	n=$1
	kind=$2
	max=$3
	shift 3
	f="$OUT/$n-$kind.html"
	if ! assess score --report "$kind" -f html -o "$f" "$@" 2>"$TMP/err"; then
		not_ok "$n-$kind" "$(head -c 300 "$TMP/err")"
		return
	fi
	shoot "$n-$kind" 1 "$max"
}

# render_many NAME MIN MAX COMMAND ARGS...: `assess COMMAND -f html -o
# $OUT/NAME.html ARGS...`, then shoot it
render_many() {
	n=$1
	min=$2
	max=$3
	cmd=$4
	shift 4
	if ! assess "$cmd" -f html -o "$OUT/$n.html" "$@" 2>"$TMP/err"; then
		not_ok "$n" "$(head -c 300 "$TMP/err")"
		return
	fi
	shoot "$n" "$min" "$max"
}

LIBT="-t library-service-minimum-2012"
AU="-t au-gov20-agency-baseline-2010"
for kind in full summary business-case; do
	case $kind in
	summary) one=2 ;;
	business-case) one=10 ;;
	*) one=20 ;;
	esac
	render library $kind $one $LIBT $E/library-self-assessment.csv
	render audit $kind $one $AU $E/agency-audit.csv
	render agencies $kind $((one * 12)) $AU $E/agencies-comparison.csv
	render quick-check $kind $one -s quick-check $Q/library-quick-check.csv
done

# An organisation named <script>alert(1)</script> is text on the page.
{
	cat $E/library-self-assessment.csv
	sed -n '2p' $E/library-self-assessment.csv |
	    sed 's/^[^,]*,[^,]*,/x1,"<script>alert(1)<\/script>",/'
} >"$TMP/hostile.csv"
render hostile full 40 "$TMP/hostile.csv"
check hostile-name-is-text grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' \
    "$OUT/hostile-full.dom"

# compare: the bundled 12 agencies and 60 made from them (each agency
# five times under other names); full is the league table, the heatmap
# (in parts of at most 40 rows), the spread and the practices missed;
# summary is one page.
AGE=$E/agencies-comparison.csv
awk -F, -v OFS=, 'FNR == 1 { if (k++ == 0) print; next }
    { $1 = k "-" $1; $2 = $2 " " k; print }' $AGE $AGE $AGE $AGE $AGE \
    >"$TMP/sixty.csv"
render_many compare-12-full 3 6 compare $AU $AGE
render_many compare-12-summary 1 1 compare $AU --report summary $AGE
render_many compare-60-full 6 11 compare $AU "$TMP/sixty.csv"
render_many compare-60-summary 1 1 compare $AU --report summary \
    "$TMP/sixty.csv"
check compare-12-heatmap-and-spread sh -c 'grep -q "<figure class=\"heat\">" "$1" &&
    grep -q "<caption>Levels per dimension</caption>" "$1"' sh \
    "$OUT/compare-12-full.dom"
check compare-summary-league-and-share sh -c 'for f; do
    grep -q "<table class=\"league short\">" "$f" &&
    grep -q "<figure class=\"share\">" "$f" || exit 1; done' sh \
    "$OUT/compare-12-summary.dom" "$OUT/compare-60-summary.dom"
check compare-60-heatmap-in-two-parts sh -c \
    'test "$(grep -c "<figure class=\"heat\">" "$1")" -eq 2' sh \
    "$OUT/compare-60-full.dom"
{
	cat $AGE
	sed -n '2p' $AGE | sed 's/^[^,]*,[^,]*,/x1,"<script>alert(1)<\/script>",/'
} >"$TMP/hostile-agencies.csv"
render_many compare-hostile 3 7 compare $AU "$TMP/hostile-agencies.csv"
check compare-hostile-name-is-text grep -qF \
    '&lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/compare-hostile.dom"

# trend: the agency audit a year apart, with one dimension better.
assess score $AU -f json --as-of 2026-03-01 -o "$TMP/2026.json" \
    $E/agency-audit.csv
sed 's/,no,/,yes,/' $E/agency-audit.csv >"$TMP/later.csv"
assess score $AU -f json --as-of 2027-03-01 -o "$TMP/2027.json" \
    "$TMP/later.csv"
render_many trend 1 3 trend "$TMP/2026.json" "$TMP/2027.json"
check trend-table-beside-chart grep -q \
    '<caption>Level of each dimension at each date</caption>' \
    "$OUT/trend.dom"

test_done
