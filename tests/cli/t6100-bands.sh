# Score bands: each level shows scores from its own band only (1: 0-12.4,
# 2: 12.5-37.4, 3: 37.5-62.4, 4: 62.5-87.4, 5: 87.5-100), so a higher
# score never shows a lower level.  Pinned through real scoring, through
# the bundled examples, and through result files read back.
. tests/cli/lib.sh

MINI="-s tests/data/mini/survey.json -t tests/data/mini/targets/mini-target.json"
B=tests/data/bands/boundaries.csv

# band NAME ORG LEVEL SCORE: the ACC row of ORG in $TMP/b.csv
band() {
	check "$1" grep -q "^\"$2\",.*,\"ACC\",\"Access\",\"yes\",\"$3\",\"[A-Za-z]*\",\"$4\"," \
	    "$TMP/b.csv"
}

# Each organisation's ACC signals sit at a band's edge: a mean of 1.5,
# 2.5 (twice, one a level 2 and one a level 3), 3.5 held to level 3 by
# the A1 anchor, and 3.2 at level 4.
assess score $MINI -f csv $B >"$TMP/b.csv"
band top-of-1-clamped "Top of 1" 1 12.4
band top-of-2-clamped "Top of 2" 2 37.4
band foot-of-3-exact "Foot of 3" 3 37.5
band top-of-3-clamped "Top of 3" 3 62.4
band foot-of-4-clamped "Foot of 4" 4 62.5

# sorted NAME FILE: in a score -f csv report, ordered by score, the levels
# never fall.
sorted() {
	check "$1" sh -c 'test "$(wc -l <"$1")" -gt 1 && awk -F"\",\"" "NR > 1 && \$10 != \"\" { print \$10, \$8 }" "$1" |
	    sort -k1,1n -k2,2n | awk "\$2 < top { bad = 1 } \$2 > top { top = \$2 }
	    END { exit bad }"' sh "$2"
}
sorted boundaries-never-fall "$TMP/b.csv"
EX=surveys/social-media-readiness/examples
for f in agencies-comparison agency-audit library-self-assessment; do
	assess score -f csv $EX/$f.csv >"$TMP/$f.csv"
	sorted "$f-never-fall" "$TMP/$f.csv"
done
assess score -f csv tests/data/compare/graded.csv $MINI >"$TMP/graded.csv"
sorted graded-never-fall "$TMP/graded.csv"

# Result files: a score outside its level's band is refused, naming the
# file, the position and the band; the edges themselves are accepted.
assess score $MINI -f json -o "$TMP/r.json" $B
expect_err result-as-scored 0 "" assess compare $MINI -o "$TMP/ok.md" "$TMP/r.json"
edit() {
	sed "$1" "$TMP/r.json" >"$TMP/$2.json"
}
edit 's/"score": 37\.4,/"score": 37.5,/' above-2
expect_err result-above-band 1 "^assess: $TMP/above-2.json:[0-9]+:20: 'score' 37.5 is above the band of level 2 \\(12.5 to 37.4\\)$" \
    assess compare $MINI "$TMP/above-2.json"
edit 's/"score": 37\.5,/"score": 37.4,/' below-3
expect_err result-below-band 1 "^assess: $TMP/below-3.json:[0-9]+:20: 'score' 37.4 is below the band of level 3 \\(37.5 to 62.4\\)$" \
    assess compare $MINI "$TMP/below-3.json"
edit 's/"score": 12\.4,/"score": 12.5,/' above-1
expect_err result-above-1 1 "'score' 12.5 is above the band of level 1 \\(0.0 to 12.4\\)$" \
    assess compare $MINI "$TMP/above-1.json"
edit '0,/"score": 75\.0,/s//"score": 87.5,/' above-4
expect_err result-above-4 1 "'score' 87.5 is above the band of level 4 \\(62.5 to 87.4\\)$" \
    assess compare $MINI "$TMP/above-4.json"
edit 's/"score": 100\.0,/"score": 87.5,/' foot-of-5
expect_err result-foot-of-5 0 "" assess compare $MINI -o "$TMP/ok5.md" "$TMP/foot-of-5.json"
edit 's/"score": 37\.4,/"score": 37.44,/' rounds-to-top-of-2
expect_err result-rounds-into-band 0 "" \
    assess compare $MINI -o "$TMP/ok2.md" "$TMP/rounds-to-top-of-2.json"
edit 's/"score": 37\.4,/"score": 37.46,/' rounds-out-of-2
expect_err result-rounds-out-of-band 1 "'score' 37.5 is above the band of level 2" \
    assess compare $MINI "$TMP/rounds-out-of-2.json"
expect_err result-nothing-written 1 "" \
    assess compare $MINI -o "$TMP/none.md" "$TMP/above-2.json"
check result-nothing-written-none test ! -e "$TMP/none.md"

test_done
