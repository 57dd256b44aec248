# The bad-input corpus: rule fixtures that are broken, each after the
# bundled quick-check fixtures, which pass.
CORPUS=fixture/
. tests/cli/corpus.sh
