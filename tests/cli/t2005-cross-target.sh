# A target profile applied to another survey with the same dimension
# ids: levels and gaps on the dimensions that survey rates, and the
# practices it cannot judge listed as not assessed.
. tests/cli/lib.sh

# A data folder with the mini survey (whose profile is mini-target) and
# mini-quick: dimensions ACC and TRN only, A1 asked as mini asks it, A4
# and T1 not asked, and a question of its own.
D=$TMP/data
mkdir -p "$D/surveys"
cp -R rules "$D/"
cp -R tests/data/mini "$D/surveys/mini"
mkdir -p "$D/surveys/mini-quick"
cp tests/data/mini/mini.lua "$D/surveys/mini-quick/"
python3 - tests/data/mini/survey.json "$D/surveys/mini-quick/survey.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["id"] = "mini-quick"
s["title"] = "Mini quick check (test data)"
dims = {d["id"]: d for d in s["dimensions"]}
dims["ACC"]["questions"] = [q for q in dims["ACC"]["questions"] if q["id"] == "A1"]
dims["TRN"]["questions"] = [{"id": "QT1", "type": "yesno", "text": "Were you trained?",
    "options": [{"value": "yes", "label": "Yes", "level": 4},
                {"value": "no", "label": "No", "level": 1}]}]
s["dimensions"] = [dims["ACC"], dims["TRN"]]
json.dump(s, open(sys.argv[2], "w"), indent=1)
PY
printf 'respondent,organisation,role,A1,QT1\r\nr1,Delta,org,rule,no\r\n' >"$TMP/quick.csv"

cross() {
	(cd "$TMP" && ASSESS_PATH=$D ${VG:-} "$ASSESS" score -s mini-quick "$@" \
	    quick.csv)
}
expect md 0 cross -t mini-target
expect json 0 cross -t mini-target -f json
expect as-path 0 cross -t "$D/surveys/mini/targets/mini-target.json"

# a profile whose survey shares no dimension is refused
nothing_shared() {
	python3 - tests/data/mini/survey.json "$D/surveys/other/survey.json" <<'PY'
import json, os, sys
s = json.load(open(sys.argv[1]))
s["id"] = "other"
for d in s["dimensions"]:
    d["id"] = "X" + d["id"]
for d in s["dimensions"]:
    for q in d["questions"]:
        q.pop("when", None)
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
json.dump(s, open(sys.argv[2], "w"))
PY
	cp tests/data/mini/mini.lua "$D/surveys/other/"
}
nothing_shared
expect_err no-shared-dimension 1 \
    "^assess: .*/mini-target.json: this profile is for survey 'mini', which has no dimension in common with 'other'$" \
    cross -t mini-target -s other

# The bundled quick-check against a profile of the full survey, named by
# its id: every dimension the profile sets and the quick-check rates has
# a target and a gap; each of its practices is met, unmet or not
# assessed; the quick-check asks none of the full survey's questions, so
# none is judged.
bundled() {
	assess score -s quick-check -t library-service-minimum-2012 -f json \
	    surveys/quick-check/examples/*.csv >"$TMP/qc.json" || return 1
	python3 - "$TMP/qc.json" surveys/social-media-readiness/targets/library-service-minimum-2012.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = json.load(open(sys.argv[2]))
for o in r["organisations"]:
    for d in o["dimensions"]:
        want = t["dimensions"].get(d["id"])
        if want is None:
            assert d["target"] is None, d
            continue
        assert d["target"] == want["target_level"], d
        assert d["gap"] == max(0, want["target_level"] - d["level"]), d
        ids = sorted(p["id"] for p in want.get("required_practices", []))
        p = d["practices"]
        assert sorted(p.get("not_assessed", [])) == ids, (d["id"], p)
        assert p["met"] == [] and p["unmet"] == [], p
PY
}
check bundled-quick-check bundled

# such a result is read back (compare, trend): not_assessed is part of
# the result model
readback() {
	assess compare -t library-service-minimum-2012 -f json "$TMP/qc.json" \
	    >"$TMP/cmp.json" && grep -q '"rank": 1' "$TMP/cmp.json"
}
check result-read-back readback

test_done
