# The bad-input corpus: broken target profiles.
CORPUS=target/
. tests/cli/corpus.sh
