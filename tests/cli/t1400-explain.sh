# assess explain: every question of a dimension once, with why it counted
# or not, and steps that give the level and score 'score' reports.
. tests/cli/lib.sh

E=surveys/social-media-readiness/examples
AGENCY=tests/data/explain/agency.csv

# For people: one dimension of one organisation, where an evidence cap,
# a topped answer and a gate all play a part.
expect eng-md 0 assess explain --organisation "kestrel bay  tourism board (synthetic)" \
    --dimension eng "$E/agencies-comparison.csv"
expect acc-json 0 assess explain -f json --dimension ACC "$AGENCY"

# The same numbers as score, for every organisation and dimension, and
# every question of each dimension listed once.
same_as_score() {
	assess score -f json "$1" >"$TMP/score.json" &&
	assess explain -f json "$1" >"$TMP/explain.json" &&
	python3 - "$TMP/score.json" "$TMP/explain.json" "${2:-social-media-readiness}" <<'PY'
import json, sys
score, explain = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
survey = json.load(open("surveys/%s/survey.json" % sys.argv[3]))
qs = {d["id"]: [q["id"] for q in d["questions"]] for d in survey["dimensions"]}
bad = []
assert len(score["organisations"]) == len(explain["organisations"])
for so, xo in zip(score["organisations"], explain["organisations"]):
    assert so["id"] == xo["id"]
    assert [d["id"] for d in so["dimensions"]] == [d["id"] for d in xo["dimensions"]]
    for sd, xd in zip(so["dimensions"], xo["dimensions"]):
        where = "%s %s" % (so["id"], sd["id"])
        if (sd["level"], sd["score"]) != (xd["level"], xd["score"]):
            bad.append("%s: explain %s/%s, score %s/%s" % (where, xd["level"],
                       xd["score"], sd["level"], sd["score"]))
        steps = {s["step"]: s["value"] for s in xd["steps"]}
        if steps.get("level") != sd["level"] or steps.get("score", sd["score"]) != sd["score"]:
            bad.append("%s: steps end at %s/%s" % (where, steps.get("level"), steps.get("score")))
        listed = [a["question"] for a in xd["answers"]]
        if listed != qs[sd["id"]]:
            bad.append("%s: lists %s" % (where, listed))
        counted = [a["signal"] for a in xd["answers"] if a["counted"]]
        if sd["level"] is not None and len(counted) != steps["signals"]:
            bad.append("%s: %d counted, %s signals" % (where, len(counted), steps["signals"]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
check same-as-score-12-agencies same_as_score "$E/agencies-comparison.csv"
check same-as-score-audit same_as_score "$AGENCY"
check same-as-score-self same_as_score "$E/library-self-assessment.csv"
check same-as-score-quick same_as_score surveys/quick-check/examples/library-quick-check.csv quick-check

# Every reason a question is left out, on real-looking answers.
reasons() {
	cat "$TMP/a.json" "$TMP/b.json" | python3 -c '
import json, sys
seen = set()
for doc in sys.stdin.read().replace("}\n{", "}\n\x00{").split("\x00"):
    for o in json.loads(doc)["organisations"]:
        for d in o["dimensions"]:
            seen |= {(a["counted"], a["reason"]) for a in d["answers"]}
want = {(True, "counted"), (True, "topped"), (True, "evidence cap"),
        (False, "not applicable"), (False, "unanswered"),
        (False, "another audience"), (False, "when not met"),
        (False, "below minimum"), (False, "gate only"), (False, "not scored")}
print(sorted(want - seen), sorted(seen - want))
sys.exit(0 if seen == want else 1)'
}
assess explain -f json "$E/agencies-comparison.csv" >"$TMP/a.json"
assess explain -f json "$AGENCY" >"$TMP/b.json"
check every-reason reasons
# a staff-only survey says which questions were for another audience
staff_only() {
	python3 - "$TMP/b.json" <<'PY'
import json, sys
o = [o for o in json.load(open(sys.argv[1]))["organisations"]
     if o["id"] == "Regional Office (staff survey)"][0]
acc = o["dimensions"][0]["answers"][0]
assert acc == {"question": "ACC-01", "counted": False,
               "reason": "another audience", "signal": None,
               "respondents": 0}, acc
PY
}
check another-audience staff_only

# The contract: assess-explain/1 with exactly the documented fields.
contract() {
	python3 - "$TMP/a.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["format", "survey", "organisations"], list(d)
assert d["format"] == "assess-explain/1"
assert list(d["survey"]) == ["id", "version"]
for o in d["organisations"]:
    assert list(o) == ["id", "respondents", "dimensions"], list(o)
    for x in o["dimensions"]:
        assert list(x) == ["id", "level", "score", "answers", "steps"], list(x)
        assert x["level"] is None or 1 <= x["level"] <= 5
        for a in x["answers"]:
            assert list(a) == ["question", "counted", "reason", "signal", "respondents"], list(a)
            assert isinstance(a["counted"], bool) and isinstance(a["respondents"], int)
            assert a["signal"] is None or 1 <= a["signal"] <= 5
            assert a["counted"] == (a["reason"] in ("counted", "topped", "evidence cap"))
        for s in x["steps"]:
            assert list(s) == ["step", "value", "why"], list(s)
            assert isinstance(s["why"], str) and s["why"]
PY
}
check json-contract contract

# Choosing what to explain.
expect_err unknown-organisation 1 "^assess: no organisation 'Kestrel Bay Tourism' in the answers; the nearest is 'Kestrel Bay Tourism Board \\(synthetic\\)'$" \
    assess explain --organisation "Kestrel Bay Tourism" "$E/agencies-comparison.csv"
expect_err unknown-dimension 1 "^assess: no dimension 'ACX' in the survey; did you mean 'ACC'\\?$" \
    assess explain --dimension ACX "$AGENCY"
expect_err csv-format 2 "^assess explain: format 'csv' is not available for explain; use md or json$" \
    assess explain -f csv "$AGENCY"
expect_err no-answers 2 "^assess explain: give at least one answers file" \
    assess explain
# a failed run leaves no file behind
assess explain --dimension ACX -o "$TMP/out.md" "$AGENCY" 2>/dev/null
check no-partial-output test ! -e "$TMP/out.md"

# A rule script that rates its dimensions without the profile library
# has nothing to show.
cat >"$TMP/plain.lua" <<'LUA'
return { score = function (org, survey)
  local dims = {}
  for _, d in ipairs(survey.dimensions) do dims[d.id] = { level = 2, score = 30 } end
  return { dimensions = dims, headline = { level = 2, basis = "fixed" } }
end }
LUA
expect_err no-trace 1 "^assess: the rules recorded no explanation" \
    assess explain -r "$TMP/plain.lua" "$AGENCY"

# A trace that leaves out a question of its dimension is refused.
cat >"$TMP/short.lua" <<'LUA'
return { score = function (org, survey)
  local dims = {}
  for _, d in ipairs(survey.dimensions) do dims[d.id] = { level = 2, score = 30 } end
  local t = assess.explaining(org)
  if t then
    t.ACC = { answers = { { question = "ACC-01", counted = true,
      reason = "counted", signal = 2, respondents = 1 } }, steps = {} }
  end
  return { dimensions = dims, headline = { level = 2, basis = "fixed" } }
end }
LUA
expect_err short-trace 1 "score\(\) returned an invalid result: explain.ACC does not list ACC-02 \\(scoring organisation" \
    assess explain -r "$TMP/short.lua" "$AGENCY"

# An organisation's name is text, never markup.
expect hostile-md 0 assess explain --dimension POL tests/data/explain/hostile.csv
check hostile-escaped grep -qF '## \<script>alert(1)\</script> \*Dept\* [x\](javascript:y) \| \`z\` (1 respondent)' \
    tests/cli/golden/t1400-explain/hostile-md.out

test_done
