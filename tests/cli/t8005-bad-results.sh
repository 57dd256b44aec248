# The bad-input corpus: result files (assess-result/1) edited into states
# scoring cannot produce.
CORPUS=result/
. tests/cli/corpus.sh
