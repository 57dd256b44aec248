# The bad-input corpus: broken and hostile survey files.
CORPUS=json/
. tests/cli/corpus.sh
