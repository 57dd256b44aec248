#!/bin/sh
# t6000-content.sh - the content: rules/social-media-readiness.lua and
# rules/quick-check.lua on hand-made answers (tests/data/content), with
# every expected level worked out by hand from the option levels in the
# survey files.  Levels come from the CSV report, findings, flags and
# recommendations from the JSON report, each turned into lines
# "ORGANISATION|KIND|VALUE" by the awk programs below.
. tests/cli/lib.sh

C=$DATA/content
SMR=surveys/social-media-readiness
EX=$SMR/examples

# levels ARGS...: 'assess score -f csv ARGS' as lines
#   ORG|levels|H=<headline> ACC=<level> ... (- when not rated)
#   ORG|DIM|level=L score=S target=T gap=G capped=IDS met=IDS unmet=IDS
levels() {
	assess score -f csv "$@" | awk '
	function unq(s) { sub(/^"/, "", s); sub(/"$/, "", s); return s }
	NR == 1 {
		n = split($0, h, /","/)
		for (i = 1; i <= n; i++) col[unq(h[i])] = i
		next
	}
	{
		n = split($0, f, /","/)
		for (i = 1; i <= n; i++) f[i] = unq(f[i])
		o = f[col["organisation"]]
		if (!(o in line)) { order[++k] = o; line[o] = "H=" (f[col["headline_level"]] == "" ? "-" : f[col["headline_level"]]) }
		d = f[col["dimension"]]
		line[o] = line[o] " " d "=" (f[col["level"]] == "" ? "-" : f[col["level"]])
		dim[o, ++nd[o]] = d "|level=" f[col["level"]] " score=" f[col["score"]] \
		    " target=" f[col["target"]] " gap=" f[col["gap"]] \
		    " capped=" f[col["capped_by"]] " met=" f[col["practices_met"]] \
		    " unmet=" f[col["practices_unmet"]]
	}
	END {
		for (j = 1; j <= k; j++) {
			o = order[j]
			print o "|levels|" line[o]
			for (i = 1; i <= nd[o]; i++) print o "|" dim[o, i]
		}
	}'
}

# summary ARGS...: 'assess score -f json ARGS' as lines
#   ORG|headline|N   ORG|findings|ID ...   ORG|flags|ID ...
#   ORG|recs|ID:PRIORITY ...   ORG|evidence|FINDING:ID,ID ...
summary() {
	assess score -f json "$@" | awk '
	function val(s) { sub(/^[^:]*: /, "", s); sub(/,$/, "", s); gsub(/"/, "", s); return s }
	function add(s, x) { return s == "" ? x : s " " x }
	function flush() {
		if (org == "") return
		print org "|headline|" head
		print org "|findings|" fnd
		print org "|evidence|" evd
		print org "|flags|" flg
		print org "|recs|" rec
	}
	/^  "organisations": \[/ { on = 1; next }
	on && /^      "id": / { flush(); org = val($0); head = fnd = evd = flg = rec = sec = ""; next }
	on && /^      "headline": \{/ { sec = "h"; next }
	on && /^      "findings": \[$/ { sec = "f"; next }
	on && /^      "recommendations": \[$/ { sec = "r"; next }
	on && /^      [\]}]/ { sec = ""; next }
	on && /^      "flags": / { s = val($0); gsub(/[\[\]]/, "", s); gsub(/ /, "", s); gsub(/,/, " ", s); flg = s; next }
	sec == "h" && /^        "level": / { head = val($0); next }
	sec == "f" && /^          "id": / { fid = val($0); fnd = add(fnd, fid); next }
	sec == "f" && /^          "evidence": / { s = val($0); gsub(/[\[\] ]/, "", s); evd = add(evd, fid ":" s); next }
	sec == "r" && /^          "id": / { rid = val($0); next }
	sec == "r" && /^          "priority": / { rec = add(rec, rid ":" val($0)); next }
	END { flush() }'
}

# want NAME FILE LINE: FILE has LINE exactly
want() {
	if grep -Fqx -- "$3" "$2"; then
		ok "$1"
	else
		key=$(printf '%s' "$3" | awk -F'|' '{ print $1 "|" $2 "|" }')
		not_ok "$1" "expected: $3" "got:      $(grep -F -- "$key" "$2" | head -n 3)"
	fi
}

# has NAME FILE ORG KIND WORD / lacks ...: the ORG|KIND| list holds WORD
# (or not)
inlist() {
	grep -F -- "$2|$3|" "$1" | head -n 1 | cut -d'|' -f3- | tr ' ' '\n' |
	    grep -Fqx -- "$4"
}
has() {
	if inlist "$2" "$3" "$4" "$5"; then ok "$1"; else
		not_ok "$1" "$3|$4| lacks $5" "$(grep -F -- "$3|$4|" "$2")"
	fi
}
lacks() {
	if inlist "$2" "$3" "$4" "$5"; then
		not_ok "$1" "$3|$4| holds $5" "$(grep -F -- "$3|$4|" "$2")"
	else ok "$1"; fi
}

# ---------------------------------------------------------------------
# Every bundled file passes 'assess check'.

for f in $SMR/survey.json $SMR/targets/*.json rules/social-media-readiness.lua \
    $EX/*.csv $C/*.csv; do
	case $f in */quick-check.csv) continue ;; esac
	check "check $f" assess check "$f"
done
for f in surveys/quick-check/survey.json rules/quick-check.lua \
    surveys/quick-check/examples/*.csv $C/quick-check.csv; do
	check "check -s quick-check $f" assess check -s quick-check "$f"
done

# ---------------------------------------------------------------------
# All best, all worst.
#
# all-best.csv: one respondent in every role picks the highest-level option
# of every question, gives the top band of every number, ticks every tool,
# and attaches evidence wherever asked.  Many questions stop below 5 (e.g.
# ACC-01 open_all = 4, ACC-07 yes = 4, LDR-02 yes = 3): those answers are at
# their question's best, so they take the median of the others (lib
# topped.lua), which is 5 in every dimension.  No gate bites (anchors at
# 4 allow 5; thresholds are met).  Headline min(ACC, APR, TRN, LDR) = 5;
# scores are 100; no recommendation (nothing below 5), no flag; the only
# finding is the note that Likert items rest on one person.
levels $C/all-best.csv >"$TMP/best.lv"
summary $C/all-best.csv >"$TMP/best.sm"
want "all best: level 5 everywhere" "$TMP/best.lv" \
    "All best|levels|H=5 ACC=5 APR=5 TRN=5 LDR=5 POL=5 ITP=5 LST=5 MEA=5 RES=5 ENG=5 CUL=5"
want "all best: ACC scores 100" "$TMP/best.lv" \
    "All best|ACC|level=5 score=100.0 target= gap= capped= met= unmet="
want "all best: only the small-sample finding" "$TMP/best.sm" "All best|findings|small-sample"
want "all best: no flags" "$TMP/best.sm" "All best|flags|"
want "all best: no recommendations" "$TMP/best.sm" "All best|recs|"
assess score -f json $C/all-best.csv >"$TMP/best.json"
check "all best: basis names all four critical enablers" grep -Fq \
    '"basis": "Access policy, Approval and publishing workflow, Training and support and Leadership and strategy are at level 5 (Embedded); an organisation is only as ready as its weakest critical enabler."' \
    "$TMP/best.json"

# all-worst.csv: the lowest-level option everywhere, no evidence.  The
# few options that start above 1 (ACC-07 no = 3, LDR-02 no = 2, ENG-04
# no = 3, ...) are one or two per dimension, so every median is 1, and
# 1 everywhere.  Recommendations: the 1-to-2 step of all eleven; the four
# critical ones set the headline (priority 1); the other enablers are
# below 3 (priority 3); engagement is not ahead (ENG 1, enabler median
# 1), so it is 4.  Order: priority, then survey order (CUL before ENG
# because of the priority).  Flag champion-dependent: LDR-05 '1' and
# APR-07 '5' (reverse-worded) both signal level 1.
levels $C/all-worst.csv >"$TMP/worst.lv"
summary $C/all-worst.csv >"$TMP/worst.sm"
want "all worst: level 1 everywhere" "$TMP/worst.lv" \
    "All worst|levels|H=1 ACC=1 APR=1 TRN=1 LDR=1 POL=1 ITP=1 LST=1 MEA=1 RES=1 ENG=1 CUL=1"
want "all worst: recommendations by priority" "$TMP/worst.sm" \
    "All worst|recs|ACC-1-2:1 APR-1-2:1 TRN-1-2:1 LDR-1-2:1 POL-1-2:3 ITP-1-2:3 LST-1-2:3 MEA-1-2:3 RES-1-2:3 CUL-1-2:3 ENG-1-2:4"
want "all worst: champion-dependent" "$TMP/worst.sm" "All worst|flags|champion-dependent"

# With the Australian baseline (targets ACC APR TRN LDR POL ITP ENG CUL 3,
# LST MEA RES 2) every dimension is below target: one step up each, so
# the critical four stay 1, the other enablers become 2, ENG 3.
summary -t au-gov20-agency-baseline-2010 $C/all-worst.csv >"$TMP/worst-t.sm"
want "all worst with a target: below-target steps move up" "$TMP/worst-t.sm" \
    "All worst|recs|ACC-1-2:1 APR-1-2:1 TRN-1-2:1 LDR-1-2:1 POL-1-2:2 ITP-1-2:2 LST-1-2:2 MEA-1-2:2 RES-1-2:2 CUL-1-2:2 ENG-1-2:3"

# ---------------------------------------------------------------------
# Access blocked for everyone (blocked.csv: all best but ACC-01
# blocked_all).  The enablers' median is 5, above the headline of 2: the
# progress-index note.  ACC-01 is an anchor with level 1: ACC is at most 1 + 1 =
# 2 although its other answers say 5; the headline follows (ACC is the
# weakest critical enabler).  Findings: access-blocked; mixed-messages
# (ENG-01 built_in invites the public, ACC-01 <= 2 shuts staff out).
levels $C/blocked.csv >"$TMP/blocked.lv"
summary $C/blocked.csv >"$TMP/blocked.sm"
want "blocked: ACC capped at 2 by ACC-01" "$TMP/blocked.lv" \
    "Blocked|ACC|level=2 score=37.4 target= gap= capped=ACC-01 met= unmet="
want "blocked: headline 2" "$TMP/blocked.lv" \
    "Blocked|levels|H=2 ACC=2 APR=5 TRN=5 LDR=5 POL=5 ITP=5 LST=5 MEA=5 RES=5 ENG=5 CUL=5"
want "blocked: findings" "$TMP/blocked.sm" \
    "Blocked|findings|access-blocked mixed-messages progress-index small-sample"
want "blocked: the access step first" "$TMP/blocked.sm" "Blocked|recs|ACC-2-3:1"
assess score -f json $C/blocked.csv >"$TMP/blocked.json"
check "blocked: basis in plain words" grep -Fq \
    '"basis": "Access policy is at level 2 (Experimental); an organisation is only as ready as its weakest critical enabler."' \
    "$TMP/blocked.json"

# ---------------------------------------------------------------------
# Answers worth more or less depending on another answer (dependent.csv:
# all best but the answers named; adjust() in the rules).
#  - ACC-01 designated_roles with ACC-04 written: 3 (not 2); the anchor
#    then allows 4; the score is held to 87.5, the top of level 4.
#  - ACC-01 designated_roles with ACC-04 informal: 2; anchor: ACC 3.
#  - ACC-01 open_all with ACC-06 defined (3): 5; ACC signals 5,3 and
#    nine 5s (ACC-10 and ACC-11 'yes' topped): mean 53/11, score 95.5.
#    With ACC-06 ad_hoc (2): 4, and not topped up to 5 since ACC-06
#    decides: mean 51/11, score 90.9.
#  - APR-02 1 hour with APR-01 pre_cleared (4): 5; signals 4,5 and eight
#    5s: mean 49/10, score 97.5.  With APR-01 comms_manager (3): 4; 3,4
#    and eight 5s: 47/10, score 92.5.  Both level 5 (the lower median of
#    ten).
#  - POL-01 all eight with POL-08 over_3_years (2): 3; anchor: POL 4;
#    signals 3,2 and twelve 5s: mean 65/14 = 4.64, score 91.1, held to
#    87.5, the top of level 4.
#  - POL-01 without its evidence: 2 (not the general cap of 3); anchor:
#    POL 3, score held to 62.5.
#  - MEA-01 seven measures without outcomes: 4 (not 5); MEA 5 with
#    signals 4 and six 5s: score 96.4.
levels $C/dependent.csv >"$TMP/dep.lv"
want "ACC-01 named roles with a written rule counts 3: ACC 4 by its anchor" "$TMP/dep.lv" \
    "ACC-01 named roles, rule written|ACC|level=4 score=87.4 target= gap= capped=ACC-01 met= unmet="
want "ACC-01 named roles without a written rule counts 2: ACC 3 by its anchor" "$TMP/dep.lv" \
    "ACC-01 named roles, no written rule|ACC|level=3 score=62.4 target= gap= capped=ACC-01;ACC-04 met= unmet="
want "ACC-01 open with a procedure counts 5: score 95.5" "$TMP/dep.lv" \
    "ACC-01 open, procedure|ACC|level=5 score=95.5 target= gap= capped= met= unmet="
want "ACC-01 open without a procedure counts 4: score 90.9" "$TMP/dep.lv" \
    "ACC-01 open, no procedure|ACC|level=5 score=90.9 target= gap= capped= met= unmet="
want "APR-02 fast and pre-cleared counts 5: score 97.5" "$TMP/dep.lv" \
    "APR-02 fast, pre-cleared|APR|level=5 score=97.5 target= gap= capped= met= unmet="
want "APR-02 fast with per-post sign-off counts 4: score 92.5" "$TMP/dep.lv" \
    "APR-02 fast, per-post sign-off|APR|level=5 score=92.5 target= gap= capped= met= unmet="
want "POL-01 with an old review counts 3: POL 4 by its anchor" "$TMP/dep.lv" \
    "POL-01 all eight, old review|POL|level=4 score=87.4 target= gap= capped=POL-01 met= unmet="
want "POL-01 without evidence counts 2: POL 3 by its anchor" "$TMP/dep.lv" \
    "POL-01 no evidence|POL|level=3 score=62.4 target= gap= capped=POL-01 met= unmet="
want "MEA-01 without outcomes counts 4: score 96.4" "$TMP/dep.lv" \
    "MEA-01 seven without outcomes|MEA|level=5 score=96.4 target= gap= capped= met= unmet="

# Gates (gates.csv: all best but one answer each).
#  - ACC-01 blocked_all: anchor, as above: ACC 2.
#  - TRN-01 30 %: band 25-50 = level 2; anchor: TRN at most 3, and the
#    finding no-training-before-posting (level 2: medium).
#  - LDR-02 no = 2: requires_for 3 not met, LDR at most 2; LDR-01 says
#    endorsed (integrated_published) with no named owner:
#    strategy-without-owner.
#  - LDR-04 ad_hoc = 3: requires_for 4 not met, LDR at most 3.
levels $C/gates.csv >"$TMP/gates.lv"
summary $C/gates.csv >"$TMP/gates.sm"
want "anchor ACC-01" "$TMP/gates.lv" \
    "Anchor ACC-01 blocked|levels|H=2 ACC=2 APR=5 TRN=5 LDR=5 POL=5 ITP=5 LST=5 MEA=5 RES=5 ENG=5 CUL=5"
want "anchor TRN-01: TRN 3, capped by TRN-01" "$TMP/gates.lv" \
    "Anchor TRN-01 30 percent|TRN|level=3 score=62.4 target= gap= capped=TRN-01 met= unmet="
want "anchor TRN-01: headline 3" "$TMP/gates.sm" "Anchor TRN-01 30 percent|headline|3"
want "anchor TRN-01: finding" "$TMP/gates.sm" \
    "Anchor TRN-01 30 percent|findings|no-training-before-posting progress-index small-sample"
want "threshold LDR-02: LDR 2" "$TMP/gates.lv" \
    "Threshold LDR-02 no|LDR|level=2 score=37.4 target= gap= capped=LDR-02 met= unmet="
has "threshold LDR-02: strategy without owner" "$TMP/gates.sm" \
    "Threshold LDR-02 no" findings strategy-without-owner
want "threshold LDR-04: LDR 3" "$TMP/gates.lv" \
    "Threshold LDR-04 ad hoc|LDR|level=3 score=62.4 target= gap= capped=LDR-04 met= unmet="
want "threshold LDR-04: headline 3, first step LDR" "$TMP/gates.sm" \
    "Threshold LDR-04 ad hoc|recs|LDR-3-4:1"

# ---------------------------------------------------------------------
# Evidence cap (evidence.csv: all best, one evidence link left out).
#  - ACC-07 yes = 4 without evidence counts 3: its requires_for 4 fails,
#    ACC is at most 3.
#  - LDR-01 integrated_published = 5 without evidence counts 3: as an
#    anchor it allows at most 4.
#  - MEA-04 refreshed = 4 without evidence counts 3, which still meets
#    its requires_for 3.  Signals 5, 4*, 5, 3, 5, 5, 4* (* = best answer,
#    topped to the median 5 of the others): level 5; score = mean
#    (6 * 5 + 3) / 7 = 4.714 -> (4.714 - 1) * 25 = 92.9.
levels $C/evidence.csv >"$TMP/evidence.lv"
want "evidence cap: ACC-07 threshold" "$TMP/evidence.lv" \
    "Unevidenced ACC-07|ACC|level=3 score=62.4 target= gap= capped=ACC-07 met= unmet="
want "evidence cap: LDR-01 anchor" "$TMP/evidence.lv" \
    "Unevidenced LDR-01|LDR|level=4 score=87.4 target= gap= capped=LDR-01 met= unmet="
want "evidence cap: MEA-04 lowers the score only" "$TMP/evidence.lv" \
    "Unevidenced MEA-04|MEA|level=5 score=92.9 target= gap= capped= met= unmet="
#  - Leadership and policy, all best without any of their evidence:
#    LDR-01, -04, -08 and -09 count 3 (LDR-03's best, 'actions', is 3
#    anyway, so its missing evidence changes nothing).  The LDR-01 anchor
#    (3) allows 4 and the LDR-04 threshold (3, short of 4) allows 3: LDR 3,
#    capped by both gates, then by the other unevidenced answers LDR-08
#    and LDR-09.  POL-01
#    without evidence counts 2 (its own cap), and as an anchor holds POL
#    at 3.  One missing-evidence finding names both dimensions.
#  - The single-question cases name their one dimension.
summary $C/evidence.csv >"$TMP/evidence.sm"
want "evidence cap: LDR held by missing evidence" "$TMP/evidence.lv" \
    "Unevidenced leadership and policy|LDR|level=3 score=62.4 target= gap= capped=LDR-01;LDR-04;LDR-08;LDR-09 met= unmet="
want "evidence cap: POL-01 counts 2" "$TMP/evidence.lv" \
    "Unevidenced leadership and policy|POL|level=3 score=62.4 target= gap= capped=POL-01 met= unmet="
has "evidence cap: finding" "$TMP/evidence.sm" \
    "Unevidenced leadership and policy" findings missing-evidence
want "evidence cap: finding evidence" "$TMP/evidence.sm" \
    "Unevidenced leadership and policy|evidence|missing-evidence:LDR-01,LDR-04,LDR-08,LDR-09,POL-01 progress-index: small-sample:ACC-03,APR-07,APR-08,TRN-07,TRN-08,LDR-05,ITP-05,RES-05,CUL-02,CUL-03,CUL-04"
has "evidence cap: finding for LDR-01 alone" "$TMP/evidence.sm" \
    "Unevidenced LDR-01" findings missing-evidence

# ---------------------------------------------------------------------
# Re-anchored items (reanchor.csv: all best but one or two answers).
# Questions that only tell level 3 from 4 are threshold gates whose
# answer short of the threshold caps the dimension without counting in
# its median (GATE_ONLY in the rules): a bare "no" no longer says
# "level 3", it says "not yet level 4".  All best elsewhere, so the other
# signals are 5 and the mean of the counted ones is 5: the score is held
# to the top of the capped level (62.5 for 3, 87.5 for 4).
#  - ACC-07 no, ITP-08 no, ENG-04 no, MEA-07 no, CUL-06 none: each is
#    requires_for 4, so its dimension is 3, capped by it.
#  - POL-07 documented (4): requires_for 5 (the policy ladder puts the
#    route for staff proposals, with fast-track pilots, at level 5): POL 4.
#  - LST-03 informal is now level 2 (a set route to a named owner is 3,
#    tracked to closure 4), an ordinary signal: signals 5,5,2,5,5 and
#    LST-04 yes (best, 3) and LST-07 in_place (best, 4) topped to the
#    median 5 of the others: lower median of seven is 5; mean 32/7,
#    score 89.3.
#  - Culture is anchored on the staff statements CUL-02..04, not on
#    CUL-01: CUL-02 '2' and CUL-03 '2' (levels 2, 2) with CUL-04 '1'
#    (reverse-worded: 5): the lower median of the three is 2, so CUL is at
#    most 3, although the median of all six signals (CUL-01 topped to 5)
#    is 5; capped by the two low statements; mean 24/6 = 4, held to 62.5.
#  - CUL-01 discourages (1) with staff at their best: 1,5,5,5,5,5: CUL 5
#    (the policy item no longer caps it); mean 26/6, held to 87.5.
levels $C/reanchor.csv >"$TMP/re.lv"
for c in "ACC-07 no|ACC|level=3 score=62.4 target= gap= capped=ACC-07" \
    "ITP-08 no|ITP|level=3 score=62.4 target= gap= capped=ITP-08" \
    "ENG-04 no|ENG|level=3 score=62.4 target= gap= capped=ENG-04" \
    "MEA-07 no|MEA|level=3 score=62.4 target= gap= capped=MEA-07" \
    "CUL-06 none|CUL|level=3 score=62.4 target= gap= capped=CUL-06" \
    "POL-07 documented|POL|level=4 score=87.4 target= gap= capped=POL-07" \
    "LST-03 informal|LST|level=5 score=89.3 target= gap= capped=" \
    "Staff doubt, policy welcomes|CUL|level=3 score=62.4 target= gap= capped=CUL-02;CUL-03" \
    "Staff confident, policy discourages|CUL|level=5 score=87.5 target= gap= capped="; do
	want "re-anchored: ${c%%|*}" "$TMP/re.lv" "$c met= unmet="
done

# ---------------------------------------------------------------------
# Flags (flags.csv).
# engagement-ahead-of-enablers: all worst (every enabler 1, median 1)
#  - with the engagement answers at level 3 (ENG-01 consult, 50 %, one
#    consultation, ENG-04 no = 3, consult, moderated, some_units): ENG 3
#    >= 1 + 2: raised, and the ENG step drops to priority 5;
#  - at level 2 (answer, 25 %, none, ENG-04 no = 3, inform = 1,
#    rarely_answered, pilots: median 2): 2 < 3, not raised.
summary $C/flags.csv >"$TMP/flags.sm"
levels $C/flags.csv >"$TMP/flags.lv"
want "engagement at 3: ENG level" "$TMP/flags.lv" \
    "Engagement at 3 over enablers at 1|levels|H=1 ACC=1 APR=1 TRN=1 LDR=1 POL=1 ITP=1 LST=1 MEA=1 RES=1 ENG=3 CUL=1"
has "engagement at 3: flag raised" "$TMP/flags.sm" \
    "Engagement at 3 over enablers at 1" flags engagement-ahead-of-enablers
has "engagement at 3: finding" "$TMP/flags.sm" \
    "Engagement at 3 over enablers at 1" findings engagement-ahead-of-enablers
has "engagement at 3: ENG step last, priority 5" "$TMP/flags.sm" \
    "Engagement at 3 over enablers at 1" recs ENG-3-4:5
want "engagement at 2: ENG level" "$TMP/flags.lv" \
    "Engagement at 2 over enablers at 1|levels|H=1 ACC=1 APR=1 TRN=1 LDR=1 POL=1 ITP=1 LST=1 MEA=1 RES=1 ENG=2 CUL=1"
lacks "engagement at 2: not raised" "$TMP/flags.sm" \
    "Engagement at 2 over enablers at 1" flags engagement-ahead-of-enablers
has "engagement at 2: ENG step priority 4" "$TMP/flags.sm" \
    "Engagement at 2 over enablers at 1" recs ENG-2-3:4
# champion-dependent: all best but
#  - LDR-05 '2' (disagree: level 2): raised;  '3' (level 3): not;
#  - APR-07 '4' (agree with a reverse-worded statement: level 2): raised;
#    '3' (level 3): not.  (All best has APR-07 '1' = level 5: not.)
want "champion: LDR-05 disagree" "$TMP/flags.sm" "Champion LDR-05 disagree|flags|champion-dependent"
want "champion: LDR-05 neutral" "$TMP/flags.sm" "Champion LDR-05 neutral|flags|"
want "champion: APR-07 agree (reversed)" "$TMP/flags.sm" "Champion APR-07 agree|flags|champion-dependent"
want "champion: APR-07 neutral" "$TMP/flags.sm" "Champion APR-07 neutral|flags|"
want "champion: finding cites APR-07" "$TMP/flags.sm" \
    "Champion APR-07 agree|evidence|champion-dependent:APR-07 small-sample:ACC-03,APR-07,APR-08,TRN-07,TRN-08,LDR-05,ITP-05,RES-05,CUL-02,CUL-03,CUL-04"

# ---------------------------------------------------------------------
# Perception gap (perception.csv): a coordinator, 5 executives, 6
# operators.  Mean levels, executives / operators:
#   APR-07  '2' x5 = 4.0 / '3' x3 + '4' x3 = (3*3 + 2*3)/6 = 2.5: 1.5, raised
#   APR-08  4.0 / (3+3+3+2+2+3)/6 = 2.67: 1.33, not
#   LDR-05  3.0 / 3.0; ITP-05 3.0 / 3.0: not
#   RES-05  4.0 / 2.0: raised
# "Four executives" has the same answers but only 4 executives: below the
# anonymity threshold the engine leaves exec out of by_role: no finding.
summary $C/perception.csv >"$TMP/gap.sm"
want "perception gap: APR-07 and RES-05" "$TMP/gap.sm" \
    "Gap agency|evidence|perception-gap:APR-07,RES-05"
want "perception gap: not with four executives" "$TMP/gap.sm" "Four executives|findings|"
assess score -f json $C/perception.csv >"$TMP/gap.json"
check "perception gap: names both means" grep -Fq \
    '(APR-07): executives 4.0, operators 2.5; ' "$TMP/gap.json"

# ---------------------------------------------------------------------
# Findings (findings.csv): a baseline that answers every question at
# level 3 (one respondent in all roles, so only small-sample), and one
# change per organisation.
summary $C/findings.csv >"$TMP/find.sm"
want "findings: baseline" "$TMP/find.sm" "Baseline|findings|small-sample"
# ACC-01 blocked_all; ENG-01 consult invites the public: also mixed-messages.
want "finding: access blocked" "$TMP/find.sm" \
    "Access blocked|findings|access-blocked mixed-messages progress-index small-sample"
# ACC-03 'often' = level 2 (mean of one answer 2.0 < 2.6).
want "finding: personal devices" "$TMP/find.sm" \
    "Personal devices|findings|personal-devices small-sample"
want "finding: parent IT rules (ACC-08)" "$TMP/find.sm" \
    "Parent IT rules|evidence|parent-it-controls-access:ACC-08 small-sample:ACC-03,APR-07,APR-08,TRN-07,TRN-08,LDR-05,ITP-05,RES-05,CUL-02,CUL-03,CUL-04"
has "finding: parent IT decides (ITP-01)" "$TMP/find.sm" \
    "Parent IT decides" evidence parent-it-controls-access:ITP-01
has "finding: IT decides alone" "$TMP/find.sm" "IT decides alone" findings it-decides-alone
# ACC-02 five tools without monitoring; LST-01 manual (2): high.
has "finding: listening tools blocked" "$TMP/find.sm" \
    "Listening blocked" evidence listening-tools-blocked:ACC-02,LST-01
# APR-01 exec_office = 1; APR-02 72 hours = level 1 (48 or more).
has "finding: senior sign-off" "$TMP/find.sm" \
    "Senior sign-off" evidence senior-signoff-every-post:APR-01,APR-02
# TRN-01 10 % = level 1; TRN-02 none.
has "finding: no training" "$TMP/find.sm" \
    "No training" evidence no-training-before-posting:TRN-01,TRN-02
# ACC-09 blocked (staff); ENG-01 consult and ENG-06 moderated invite.
has "finding: mixed messages" "$TMP/find.sm" \
    "Mixed messages" evidence mixed-messages:ENG-01,ENG-06,ACC-09
# MEA all at 1-2 (MEA 1), LST all low (LST 1; ACC and ITP at 3).
has "finding: circular trap" "$TMP/find.sm" \
    "Circular trap" evidence circular-trap:MEA-01,MEA-02,MEA-03,MEA-04,LST-01
# LDR-01 endorsed (3) with LDR-02 no.
has "finding: strategy without owner" "$TMP/find.sm" \
    "Strategy without owner" findings strategy-without-owner
# LDR-05 '1'.
want "finding: champion" "$TMP/find.sm" "Champion|flags|champion-dependent"
# Only the four required questions: nothing to speak from, no finding
# but thin-rating (ACC, APR, TRN and LDR each rated from 1 of their 8 or 9
# questions that give a level; the other dimensions are not rated).
# LDR-02 unanswered is a threshold not met, so LDR is 2 (gates.lua).
want "findings: only thin-rating without answers" "$TMP/find.sm" "Minimal|findings|thin-rating"
# Against a target, what Minimal leaves unanswered is "not met" and also
# listed as unanswered; ACC-R1 (ACC-01 answered) is met, ACC-R2 (LDR-03,
# unanswered) is not, for want of answers.  ACC counts 1 question
# answered, 2 not applicable (ACC-10 and ACC-11, asked only after a
# written rule and a recorded reason) and 8 unanswered.
assess score -f csv -t au-gov20-agency-baseline-2010 $C/findings.csv >"$TMP/min.csv"
check "practices: unanswered apart" grep -qx \
    '"Minimal","1","2","Experimental","ACC","Access policy","yes","3","Enabled","50.0","3","0","","ACC-R1","ACC-R2","1","2","8","ACC-R2","4","90"' \
    "$TMP/min.csv"
# A practice with one condition answered and failing and another left
# unanswered is plainly unmet (practices.csv, all best but POL-01 and
# POL-05): POL-R2 needs POL-01 to include security and legal (answered
# with one element: fails) and POL-05 documented (blank).  With POL-01
# blank too, POL-R1 and POL-R2 have nothing to be judged by.
assess score -f csv -t au-gov20-agency-baseline-2010 $C/practices.csv >"$TMP/pr.csv"
check "practices: answered and failing is unmet" grep -qx \
    '"POL-01 short, POL-05 blank","1","5","Embedded","POL","Policy, governance and risk","no","3","Enabled","62.4","3","0","POL-01","","POL-R1;POL-R2","13","0","1","","1","later"' \
    "$TMP/pr.csv"
check "practices: nothing to judge by" grep -qx \
    '"POL-01 and POL-05 blank","1","5","Embedded","POL","Policy, governance and risk","no","5","Embedded","100.0","3","0","","","POL-R1;POL-R2","12","0","2","POL-R1;POL-R2","",""' \
    "$TMP/pr.csv"
assess score -t au-gov20-agency-baseline-2010 $C/findings.csv >"$TMP/min.md"
check "practices: unanswered in Markdown" grep -qx \
    '1 of 13 met; 12 of those not met have no answers to judge by.' "$TMP/min.md"
want "minimal: headline 2 from the LDR-02 threshold" "$TMP/find.sm" "Minimal|headline|2"

# ---------------------------------------------------------------------
# Seed points (seeds.csv: the level-3 baseline of findings.csv, one
# change per organisation).
#  - An announce-only page (ENG-01 announce, comments off) still asks the
#    public to follow it: with staff blocked (ACC-09 blocked) that is
#    mixed-messages, citing ENG-01 and ACC-09; with staff able to read the
#    pages (baseline ACC-09 read_only, ACC-01 read_all) it is not.
#  - APR-03 2 sign-offs on a reply (band 2-3 = level 2) raises the
#    sign-off finding on its own, at medium (APR-01 is comms_manager).
#  - RES-11: five extra roles and no stand-in (RES-03 none): role-overload,
#    high; four roles with stand-ins for some accounts: medium; three:
#    none (the threshold is four of six).
#  - ITP-10 none with ITP-04 informal (2): no-ally-in-it citing both;
#    contacts_only with a named contact (ITP-04 3) and ITP-05 '3': ITP-10
#    alone.
summary $C/seeds.csv >"$TMP/seeds.sm"
want "seed: announce-only page, staff blocked" "$TMP/seeds.sm" \
    "Announce only, staff shut out|evidence|mixed-messages:ENG-01,ACC-09 small-sample:ACC-03,APR-07,APR-08,TRN-07,TRN-08,LDR-05,ITP-05,RES-05,CUL-02,CUL-03,CUL-04"
want "seed: announce-only page, staff can read it" "$TMP/seeds.sm" \
    "Announce only, staff can open|findings|small-sample"
has "seed: reply sign-offs alone raise the sign-off finding" "$TMP/seeds.sm" \
    "Replies need two sign-offs" evidence senior-signoff-every-post:APR-03
has "seed: one person, every role" "$TMP/seeds.sm" \
    "One person, every role" evidence role-overload:RES-11,RES-03
has "seed: four roles" "$TMP/seeds.sm" "Four roles, stand-ins named" evidence role-overload:RES-11
want "seed: three roles" "$TMP/seeds.sm" "Three roles|findings|small-sample"
has "seed: no ally in IT" "$TMP/seeds.sm" "No ally in IT" evidence no-ally-in-it:ITP-10,ITP-04
has "seed: contacts only in IT" "$TMP/seeds.sm" "Contacts only in IT" evidence no-ally-in-it:ITP-10
assess score -f json $C/seeds.csv >"$TMP/seeds.json"
check "seed: severity of one person with no stand-in" grep -Fq \
    'and no account has a named stand-in' "$TMP/seeds.json"

# A copy of the rules with a misspelt question id or option value stops
# with the rule file and line instead of silently dropping a finding.
typo() {
	sed "$2" rules/social-media-readiness.lua >"$TMP/typo.lua"
	if assess score -r "$TMP/typo.lua" $C/all-best.csv >"$TMP/typo.out" 2>"$TMP/typo.err"; then
		not_ok "$1" "scored with $2"
	elif [ -s "$TMP/typo.out" ] || ! grep -Fq "$3" "$TMP/typo.err"; then
		not_ok "$1" "expected on stderr: $3" "got: $(cat "$TMP/typo.err")"
	else
		ok "$1"
	fi
}
typo "typo: question id names the data table" 's/"ACC-06"/"ACC-66"/' \
    "QUESTIONS names question 'ACC-66', which the survey does not have"
typo "typo: option value" 's/"blocked_all"/"blocked_al"/' \
    "QUESTIONS names option 'blocked_al' of ACC-01, which the survey does not have"
line=$(grep -n 'at_least(org, "ACC-06", 3)' rules/social-media-readiness.lua | cut -d: -f1)
typo "typo: undeclared id in adjust(), with its line" \
    's/at_least(org, "ACC-06", 3)/at_least(org, "ACC-66", 3)/' \
    "typo.lua:$line: question 'ACC-66' is not declared in QUESTIONS"
# 'assess check' runs the rules too, so the same copy fails there.
sed 's/"blocked_all"/"blocked_al"/' rules/social-media-readiness.lua >"$TMP/typo.lua"
if assess check "$TMP/typo.lua" >"$TMP/typo.out" 2>"$TMP/typo.err"; then
	not_ok "typo: check fails" "check passed a misspelt option value"
elif grep -Fq "typo.lua:" "$TMP/typo.err" && grep -Fq "'blocked_al'" "$TMP/typo.err"; then
	ok "typo: check fails"
else
	not_ok "typo: check fails" "got: $(cat "$TMP/typo.err")"
fi
line=$(grep -n 'local s = c:sig("ACC-03")' rules/social-media-readiness.lua | cut -d: -f1)
typo "typo: undeclared id in a finding, with its line" 's/c:sig("ACC-03")/c:sig("ACC-33")/' \
    "typo.lua:$line: question 'ACC-33' is not declared in QUESTIONS"
line=$(grep -n 'if not c:mostly("ACC-01", { "blocked_all" })' rules/social-media-readiness.lua | cut -d: -f1)
typo "typo: undeclared value in a finding, with its line" \
    's/c:mostly("ACC-01", { "blocked_all" })/c:mostly("ACC-01", { "blocked_everyone" })/' \
    "typo.lua:$line: option 'blocked_everyone' of ACC-01 is not declared in QUESTIONS"

# ---------------------------------------------------------------------
# A critical dimension without answers: five staff answer only staff
# questions; APR and LDR have none, so there is no headline.
summary $C/staff-only.csv >"$TMP/staff.sm"
want "unrated critical: no headline" "$TMP/staff.sm" "Staff only|headline|null"
assess score -f json $C/staff-only.csv >"$TMP/staff.json"
check "unrated critical: basis says which" grep -Fq \
    '"basis": "Not rated: nobody gave a scored answer on Approval and publishing workflow and Leadership and strategy, and the headline is the weakest critical enabler, so it needs all four rated."' \
    "$TMP/staff.json"

# ---------------------------------------------------------------------
# Quick check (quick-check.csv): all best 5, all worst 1 with its three
# findings; QC-LDR-02 'stall' raises champion-dependent; QC-APR-01
# 'senior' (2) is the APR anchor: APR at most 3.
levels -s quick-check $C/quick-check.csv >"$TMP/qc.lv"
summary -s quick-check $C/quick-check.csv >"$TMP/qc.sm"
want "quick check: all best" "$TMP/qc.lv" "QC all best|levels|H=5 ACC=5 APR=5 TRN=5 LDR=5"
want "quick check: all worst" "$TMP/qc.lv" "QC all worst|levels|H=1 ACC=1 APR=1 TRN=1 LDR=1"
want "quick check: all worst findings" "$TMP/qc.sm" \
    "QC all worst|findings|access-blocked senior-signoff-every-post no-training-before-posting"
want "quick check: champion stalls" "$TMP/qc.sm" "QC champion stalls|flags|champion-dependent"
want "quick check: no champion flag at best" "$TMP/qc.sm" "QC all best|flags|"
want "quick check: senior sign-off anchor" "$TMP/qc.lv" \
    "QC senior sign-off|levels|H=3 ACC=5 APR=3 TRN=5 LDR=5"
# Two answers only: QC-ACC-01 open_reviewed (5) rates ACC 5 from 1 of its
# 4 questions, QC-APR-02 1.5 hours (band under 2 = 4) rates APR 4 from 1
# of 4; TRN and LDR are not rated, so neither is the headline.  The
# thin-rating finding says the two levels rest on one question each.
want "quick check: two answers" "$TMP/qc.lv" \
    "QC two answers|levels|H=- ACC=5 APR=4 TRN=- LDR=-"
want "quick check: thin rating" "$TMP/qc.sm" "QC two answers|findings|thin-rating"

# ---------------------------------------------------------------------
# Examples.
levels $EX/library-self-assessment.csv >"$TMP/library.lv"
# (ENG 2: ENG-04 "no" no longer counts as level 3; it only caps at 3.)
want "library: profile" "$TMP/library.lv" \
    "Riverside Public Library (synthetic)|levels|H=1 ACC=1 APR=2 TRN=1 LDR=2 POL=2 ITP=2 LST=2 MEA=1 RES=2 ENG=2 CUL=3"
levels -s quick-check surveys/quick-check/examples/library-quick-check.csv >"$TMP/libqc.lv"
want "library quick check: profile" "$TMP/libqc.lv" \
    "Riverside Public Library (synthetic)|levels|H=1 ACC=1 APR=2 TRN=1 LDR=2"
summary $EX/agency-audit.csv >"$TMP/agency.sm"
has "agency: perception gap" "$TMP/agency.sm" \
    "Department of Community Services (synthetic)" findings perception-gap
levels $EX/agencies-comparison.csv | grep '|levels|' | sed 's/.*|H=\([0-9-]*\) .*/\1/' |
    sort | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 } END { print "" }' \
    >"$TMP/spread"
check "comparison: headlines spread from 1 to 5" grep -Fqx "1:4 2:2 3:3 4:2 5:1" "$TMP/spread"
# Inland Water Agency: 5 respondents (a coordinator, 2 operators, 2
# staff), so agreement statements need 5 answers; none has more than 4:
# all eleven are left out (few-answers).  Bayside: 4 respondents, so they
# count, with the small-sample note.
summary $EX/agencies-comparison.csv >"$TMP/cmp.sm"
has "comparison: statements left out with 5 respondents" "$TMP/cmp.sm" \
    "Inland Water Agency (synthetic)" evidence \
    few-answers:ACC-03,APR-07,APR-08,TRN-07,TRN-08,LDR-05,ITP-05,RES-05,CUL-02,CUL-03,CUL-04
lacks "comparison: no small-sample note with 5 respondents" "$TMP/cmp.sm" \
    "Inland Water Agency (synthetic)" findings small-sample
has "comparison: small-sample note with 4 respondents" "$TMP/cmp.sm" \
    "Bayside Transport Authority (synthetic)" findings small-sample

# Targets on the agency audit: the whole CSV report (levels, targets,
# gaps, practices met and unmet) per profile.  Checked by hand:
# au-gov20: ACC 2 against 3, gap 1 (its 8 signals sum to 20: ACC-01
# designated_roles counts 3, not 2, because ACC-04 is written_it; ACC-07
# 'no' (3) only caps, so 7 signals sum to 17; ACC-10 'no', the rule gives
# no reasons, adds a 2: mean 19/8, score 34.4); ACC-R1 unmet (ACC-01
# designated_roles is not read_all/open_all), ACC-R2 unmet (LDR-03
# listed); APR-R1 met
# (APR-04 yes); LDR-R1 unmet (LDR-02 no).  APR's eight signals sum to 19;
# APR-09 'no' (following the guide is not authority enough) adds a 2:
# mean 21/9, score 33.3.
levels -t au-gov20-agency-baseline-2010 $EX/agency-audit.csv >"$TMP/au.lv"
want "target au-gov20: ACC gap" "$TMP/au.lv" \
    "Department of Community Services (synthetic)|ACC|level=2 score=34.4 target=3 gap=1 capped= met= unmet=ACC-R1;ACC-R2"
want "target au-gov20: APR-R1 met" "$TMP/au.lv" \
    "Department of Community Services (synthetic)|APR|level=2 score=33.3 target=3 gap=1 capped= met=APR-R1 unmet="
# library-service-minimum: ITP 2 against 3; ITP-R1 unmet (ITP-09 paper,
# MEA-04 draft, and ITP-01 it_ad_hoc_input is not a joint decision).
levels -t library-service-minimum-2012 $EX/agency-audit.csv >"$TMP/lib.lv"
want "target library-minimum: ITP gap" "$TMP/lib.lv" \
    "Department of Community Services (synthetic)|ITP|level=2 score=37.4 target=3 gap=1 capped=ITP-02 met= unmet=ITP-R1"
# us-ogd: LDR 2 against 3; LDR-R1 met (LDR-01 endorsed, with evidence),
# LDR-R3 met (LDR-04 ad_hoc); there is no LDR-R2 (the Directive's
# spending-data official has no question in the survey).
levels -t us-ogd-open-gov-plan-2010 $EX/agency-audit.csv >"$TMP/us.lv"
want "target us-ogd: LDR practices" "$TMP/us.lv" \
    "Department of Community Services (synthetic)|LDR|level=2 score=37.4 target=3 gap=1 capped=LDR-02 met=LDR-R1;LDR-R3 unmet="
# vic leader: TRN 3 against 4; TRN-R1 unmet (TRN-01 60 % is below 90).
levels -t vic-gov20-action-plan-leader-2010 $EX/agency-audit.csv >"$TMP/vic.lv"
want "target vic leader: TRN gap" "$TMP/vic.lv" \
    "Department of Community Services (synthetic)|TRN|level=3 score=43.8 target=4 gap=1 capped= met= unmet=TRN-R1"
# nz-psc (current guidance): POL 3 against 3 but POL-R1 unmet (the
# policy does not cover the legal element) and POL-R3 unmet (no
# transparency statement: POL-04 is not all_transparency); POL-R4 met
# (POL-13 written election-period rules); POL-R2 met
# (account management covered); APR-R1 met (APR-04 yes); CUL-R1 met
# (CUL-02 median level 3 or more).  POL's score counts 13 signals (POL-07
# 'none' is short of its threshold of 5 and only caps): POL-03 and POL-05
# at 2, the other eleven at 3: mean 37/13, score 46.2.
levels -t nz-psc-official-use-current $EX/agency-audit.csv >"$TMP/nz.lv"
want "target nz-psc: POL practices" "$TMP/nz.lv" \
    "Department of Community Services (synthetic)|POL|level=3 score=46.2 target=3 gap=0 capped= met=POL-R2;POL-R4 unmet=POL-R1;POL-R3"
want "target nz-psc: no target for access" "$TMP/nz.lv" \
    "Department of Community Services (synthetic)|ACC|level=2 score=34.4 target= gap= capped= met= unmet="
for t in au-gov20-agency-baseline-2010 library-service-minimum-2012 \
    nz-psc-official-use-current \
    us-ogd-open-gov-plan-2010 vic-gov20-action-plan-leader-2010; do
	expect "agency-$t" 0 assess score -f csv -t $t $EX/agency-audit.csv
done

# What a manager reads.
expect library-md 0 assess score $EX/library-self-assessment.csv
expect agency-md 0 assess score -t au-gov20-agency-baseline-2010 $EX/agency-audit.csv
expect library-quick-check-md 0 assess score -s quick-check \
    surveys/quick-check/examples/library-quick-check.csv

test_done
