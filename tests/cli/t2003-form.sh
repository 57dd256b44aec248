# assess form: the offline HTML questionnaire, and a round trip in
# headless Chromium (fill, save, score).
. tests/cli/lib.sh

M=tests/data/mini/survey.json
expect form-h 0 assess form -h
expect form-operand 2 assess form -s $M x.html
expect form-no-survey 2 assess form -s nosuch
expect form-bad-output 3 assess form -s $M -o /nonexistent/dir/form.html
expect form-mini 0 assess form -s $M

# -o writes the same page
check form-output sh -c "'$ASSESS' form -s $M -o '$TMP/f.html' &&
	'$ASSESS' form -s $M | cmp - '$TMP/f.html'"

# the policy allows exactly the page's own script and style, by hash
csp() {
	python3 - "$TMP/f.html" <<'PY'
import base64, hashlib, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
def h(tag):
    bodies = re.findall(r"<%s>(.*?)</%s>" % (tag, tag), page, re.S)
    assert len(bodies) == 1, tag
    return base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
want = ("default-src 'none'; script-src 'sha256-%s'; style-src 'sha256-%s'; "
        "img-src 'none'; form-action 'none'; base-uri 'none'") % (h("script"), h("style"))
assert csp == want, csp
assert "unsafe-inline" not in page and "http" not in page.split("</style>")[1]
PY
}
check form-csp csp

# survey text is escaped for where it lands: a hostile survey stays text
hostile() {
	python3 - "$M" "$TMP/h/survey.json" <<'PY'
import json, sys, os
s = json.load(open(sys.argv[1]))
bad = '"><script>alert(1)</script><b x=\'y\' & \u202e'
s["title"] = bad
q = s["dimensions"][0]["questions"][0]
q["text"] = bad
q["help"] = bad
q["options"][0]["label"] = bad
s["audiences"][0]["label"] = bad
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
json.dump(s, open(sys.argv[2], "w"))
PY
	cp tests/data/mini/mini.lua "$TMP/h/" &&
	assess form -s "$TMP/h/survey.json" >"$TMP/h.html" &&
	[ "$(grep -c '<script>' "$TMP/h.html")" -eq 1 ] &&
	! grep -q '<b x' "$TMP/h.html" &&
	grep -q '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&#39;y&#39; &amp; ' "$TMP/h.html" &&
	! grep -q "$(printf '\342\200\256')" "$TMP/h.html"
}
check form-escaped hostile

# every question and option of the bundled surveys is on their page
bundled() {
	for s in surveys/*/survey.json; do
		assess form -s "$s" >"$TMP/b.html" || return 1
		python3 - "$s" "$TMP/b.html" <<'PY' || return 1
import json, sys, html
s = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
sets = s.get("option_sets", {})
for d in s["dimensions"]:
    for q in d["questions"]:
        assert 'data-qid="%s"' % q["id"] in page, q["id"]
        for o in q.get("options") or sets.get(q.get("option_set"), []):
            assert "<span>%s</span>" % o["label"] in html.unescape(page), o["label"]
PY
	done
}
check form-bundled bundled

# The round trip in Chromium: a copy of the page with the test's filling
# script added (and allowed by its hash), run headless; the file the
# form's save code produced is scored.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "  SKIP t2003-form: chromium is not installed, so the browser round"
	echo "  SKIP t2003-form: trip is NOT tested (make test-deps installs it)"
	test_done
	exit 0
fi
browser() {
	python3 - "$TMP/f.html" tests/data/form/fill-mini.js "$TMP/test.html" <<'PY'
import base64, hashlib, sys
page = open(sys.argv[1], encoding="utf-8").read()
js = open(sys.argv[2], encoding="utf-8").read()
h = base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
page = page.replace("script-src ", "script-src 'sha256-%s' " % h, 1)
page = page.replace("</body>", "<script>%s</script>\n</body>" % js, 1)
open(sys.argv[3], "w", encoding="utf-8").write(page)
PY
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$TMP/profile" --virtual-time-budget=5000 \
	    --dump-dom "file://$TMP/test.html" >"$TMP/dom.html" 2>/dev/null
	python3 - "$TMP/dom.html" "$TMP" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
for name in ("log", "saved"):
    m = ([None] + list(re.finditer(r"<pre id=\"%s\">(.*?)</pre>" % name, dom, re.S)))[-1]
    open("%s/%s.txt" % (sys.argv[2], name), "w", encoding="utf-8").write(
        html.unescape(m.group(1)) if m else "(no %s)\n" % name)
PY
}
browser
cp "$TMP/log.txt" "$TMP/out"; : >"$TMP/err"
if compare browser-log out; then ok browser-log; else
	not_ok browser-log "$(head -n 30 "$TMP/diff")"; fi
sed 's/"submitted": "[0-9-]*"/"submitted": "DATE"/' "$TMP/saved.txt" >"$TMP/out"
if compare browser-saved out; then ok browser-saved; else
	not_ok browser-saved "$(head -n 30 "$TMP/diff")"; fi
cp "$TMP/saved.txt" "$TMP/saved.json"
expect browser-scored 0 assess score -s $M -f csv "$TMP/saved.json"

test_done
