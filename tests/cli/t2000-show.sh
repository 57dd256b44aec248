# assess show and assess list: the questionnaire as a person reads it.
. tests/cli/lib.sh

M=tests/data/mini/survey.json
expect show-mini 0 assess show -s $M
expect show-ids 0 assess show -s $M a1 TRN
expect show-unknown-id 2 assess show -s $M A1 A9
expect show-far-id 2 assess show -s $M nothing-like-it
expect show-bad-option 2 assess show -x
expect show-h 0 assess show -h
expect show-no-survey 2 assess show -s nosuch
expect list-tools 0 assess list tools
expect list-survey-id 2 assess list quick-check

# every question and every option label of the bundled surveys is shown
all_shown() {
	for s in surveys/*/survey.json; do
		assess show -s "$s" >"$TMP/show" || return 1
		python3 - "$s" "$TMP/show" <<'PY' || return 1
import json, sys
survey = json.load(open(sys.argv[1]))
shown = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
sets = survey.get("option_sets", {})
for d in survey["dimensions"]:
    for q in d["questions"]:
        assert "\n%s  " % q["id"] in open(sys.argv[2]).read(), q["id"]
        for o in q.get("options") or sets.get(q.get("option_set"), []):
            assert " ".join(o["label"].split()) in shown, o["label"]
PY
	done
}
check show-bundled-complete all_shown

# survey text with bidirectional controls (the loader refuses terminal
# escapes) is shown, not obeyed
hostile() {
	sed -e 's/"Who can reach the sites?"/"Who can \\u202ereach?"/' \
	    $M >"$TMP/survey.json" && cp tests/data/mini/mini.lua "$TMP/" &&
	assess show -s "$TMP/survey.json" A1 >"$TMP/out" &&
	grep -q 'Who can \\u202ereach?' "$TMP/out" &&
	! grep -q "$(printf '\342\200\256')" "$TMP/out"
}
check show-neutralised hostile

test_done
