# The bad-input corpus: broken and hostile CSV answers.
CORPUS=csv/
. tests/cli/corpus.sh
