#!/bin/sh
# t7100-browser: the HTML reports in a real browser.  Every bundled
# example, in every report kind, rendered by headless Chromium to PDF and
# PNG (kept in build/browser/ to look at), with the DOM checked (charts
# present, an organisation called <script>alert(1)</script> shown as
# text), the network log checked (nothing fetched), and the page counts
# checked with pdfinfo (a summary fits on two pages per organisation).
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
	browse "$f" --print-to-pdf="$OUT/$n-$kind.pdf" --dump-dom \
	    >"$OUT/$n-$kind.dom"
	browse "$f" --screenshot="$OUT/$n-$kind.png" --window-size=1000,1400 \
	    >/dev/null
	check "$n-$kind-png" test -s "$OUT/$n-$kind.png"
	check "$n-$kind-charts" grep -q '<svg[^>]*class="chart"' "$OUT/$n-$kind.dom"
	check "$n-$kind-no-script" sh -c '! grep -qi "<script" "$1"' sh \
	    "$OUT/$n-$kind.dom"
	check "$n-$kind-nothing-fetched" nothing_fetched "$f.net.json"
	pages=$(pdfinfo "$OUT/$n-$kind.pdf" 2>/dev/null |
	    sed -n 's/^Pages: *//p')
	check "$n-$kind-pages ($pages, at most $max)" test "${pages:-0}" -ge 1 -a \
	    "${pages:-0}" -le "$max"
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

test_done
