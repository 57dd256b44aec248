# The command line itself: help, version, usage errors, exit statuses.
. tests/cli/lib.sh

expect help-long 0 assess --help
expect help-short 0 assess -h
expect version 0 assess --version
expect no-arguments 2 assess
expect unknown-command 2 assess scroe
expect unknown-command-far 2 assess frobnicate
expect help-score 0 assess help score
expect help-check 0 assess help check
expect help-list 0 assess help list
expect help-compare 0 assess help compare
expect help-explain 0 assess help explain
expect help-compare 0 assess help compare
expect help-trend 0 assess help trend
expect help-no-command 0 assess help
expect help-unknown 2 assess help scroe
expect score-h 0 assess score -h
expect check-h 0 assess check --help
expect list-h 0 assess list -h
expect score-no-answers 2 assess score
expect score-unknown-option 2 assess score --frobnicate x.csv
expect score-unknown-short-option 2 assess score -z x.csv
expect score-missing-value 2 assess score x.csv -s
expect score-missing-long-value 2 assess score --fail-below
expect check-missing-long-value 2 assess check --survey
expect score-bad-format 2 assess score -f pdf tests/data/mini-one.csv
expect score-bad-anonymity 2 assess score --anonymity 0 tests/data/mini-one.csv
expect score-bad-fail-below 2 assess score -s tests/data/mini/survey.json --fail-below 9 tests/data/mini-one.csv
expect score-unknown-survey 2 assess score -s nosuch tests/data/mini-one.csv
expect score-unknown-target 2 assess score -s tests/data/mini/survey.json -t nosuch tests/data/mini-one.csv
expect score-missing-answers 1 assess score -s tests/data/mini/survey.json tests/data/no-such-file.csv
expect score-answers-dir 1 assess score -s tests/data/mini/survey.json tests/data
expect score-twice 2 assess score -s tests/data/mini/survey.json tests/data/mini-one.csv tests/data/mini-one.csv
expect check-nothing 2 assess check
# The bundled surveys, and the targets with the survey each is for.
expect list-bundled 0 assess list
# Usage errors not tied to one option.
expect help-two-commands 2 assess help score check
expect score-empty-output 2 assess score -o "" tests/data/mini-one.csv
expect score-survey-not-an-id 2 assess score -s "a b" tests/data/mini-one.csv
expect score-target-not-an-id 2 assess score -t "a b" tests/data/mini-one.csv
expect list-no-datadir 3 env ASSESS_PATH=/nonexistent ${VG:-} "$ASSESS" list
expect list-bad 2 assess list everything
expect list-too-many 2 assess list surveys targets
# a name with a terminal escape is shown, not obeyed
expect escape-in-command 2 assess "$(printf 'x\033]0;pwned\007')"

test_done
