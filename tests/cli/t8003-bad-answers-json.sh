# The bad-input corpus: broken JSON answers.
CORPUS=answers/
. tests/cli/corpus.sh
