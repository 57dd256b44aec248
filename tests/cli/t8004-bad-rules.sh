# The bad-input corpus: rule scripts that try to escape the sandbox,
# exhaust it, or return nonsense.
CORPUS=lua/
. tests/cli/corpus.sh
