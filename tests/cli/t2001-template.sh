# assess template: blank answers sheets and the printable questionnaire.
. tests/cli/lib.sh

M=tests/data/mini/survey.json
expect csv-org 0 assess template -s $M
expect csv-ops 0 assess template -s $M --role ops
expect csv-exec-label 0 assess template -s $M --role executives
expect md-org 0 assess template -s $M -f md
expect md-ops 0 assess template -s $M -f md --role ops
expect bad-role 2 assess template -s $M --role boss
expect bad-format 2 assess template -s $M -f html
expect operand 2 assess template -s $M answers.csv
expect no-survey 2 assess template -s nosuch

# a sheet filled in under the template's header scores
filled() {
	assess template -s $M >"$TMP/sheet.csv" &&
	printf 'r1,Alpha,org,rule,dash;video,4,yes,minutes,local,60,consult,\r\n' \
	    >>"$TMP/sheet.csv" &&
	assess score -s $M -f json "$TMP/sheet.csv" >"$TMP/r.json" &&
	grep -q '"id": "Alpha"' "$TMP/r.json"
}
check filled-sheet-scores filled

# every role of every bundled survey: the header is the reserved columns,
# then the role's questions in survey order, each once
headers() {
	for s in surveys/*/survey.json; do
		for role in $(python3 -c "import json,sys
print(' '.join(a['id'] for a in json.load(open(sys.argv[1]))['audiences']))" "$s"); do
			assess template -s "$s" --role "$role" >"$TMP/h.csv" || return 1
			python3 - "$s" "$role" "$TMP/h.csv" <<'PY' || return 1
import json, sys
s = json.load(open(sys.argv[1]))
role = sys.argv[2]
want = ["respondent", "organisation", "role"]
for d in s["dimensions"]:
    for q in d["questions"]:
        if role in q.get("audience", ["org"]):
            want.append(q["id"])
            if q.get("evidence"):
                want.append(q["id"] + ":evidence")
got = open(sys.argv[3], newline="").read()
assert got == ",".join(want) + "\r\n", (role, got)
PY
		done
	done
}
check bundled-headers headers

test_done
