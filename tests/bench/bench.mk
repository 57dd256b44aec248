# make bench - scoring throughput, memory and latency on generated data.
#
# Included by the top Makefile (after its variables).  Builds three small
# tools into $(B)/bench, installs Debian's python3-pandas for the peer
# (tests/bench/peer.py) like make deps does, generates the answers files
# there once (they are reused while tests/bench/gen.c and the survey are
# unchanged), and runs tests/bench/run, which prints the figures and a
# PASS/MISS line per performance target of the design.  Not part of make
# test.  About two minutes on an idle two-core machine, and one more the
# first time for the compare figures (2,000 result files are made once).
#
#   make bench                    200,000 and 1,000,000 respondents across
#                                 2,000 organisations, and across 20
#   make bench BENCH_RUNS=5       more timed runs per figure (default 3)
#   make bench BENCH_LARGE=500000 a quicker, smaller large file
#   make bench-import             only the import figure (tests/bench/import)
#   make bench-compare            only the compare figures (tests/bench/compare)
#   make bench-clean              remove the generated files

BENCH_DIR      = $(B)/bench
BENCH_SURVEY   = surveys/social-media-readiness/survey.json
BENCH_SMALL   ?= 200000
BENCH_LARGE   ?= 1000000
BENCH_ORGS    ?= 2000
BENCH_FEW     ?= 20
BENCH_RUNS    ?= 3
BENCH_LATENCY ?= 30
BENCH_TOOLS    = $(BENCH_DIR)/gen $(BENCH_DIR)/csvfloor $(BENCH_DIR)/runstat
BENCH_DEBS     = python3-pandas

# answers-N-oM.csv: N respondents across M organisations.
BENCH_DATA = $(foreach n,$(BENCH_SMALL) $(BENCH_LARGE),\
	$(foreach m,$(BENCH_ORGS) $(BENCH_FEW),$(BENCH_DIR)/answers-$(n)-o$(m).csv)) \
	$(BENCH_DIR)/self.csv

bench: $(B)/assess $(BENCH_TOOLS) $(BENCH_DATA)
	$(call install-debs,make bench,$(BENCH_DEBS))
	@tests/bench/run $(B)/assess $(BENCH_DIR) $(BENCH_SMALL) \
	  $(BENCH_LARGE) $(BENCH_ORGS) $(BENCH_FEW) $(BENCH_RUNS) \
	  $(BENCH_LATENCY)
	@$(MAKE) --no-print-directory bench-import
	@$(MAKE) --no-print-directory bench-compare

# ---- import: a survey-tool export of BENCH_IMPORT responses ------------
BENCH_IMPORT  ?= 100000

bench-import: $(B)/assess $(BENCH_TOOLS)
	@tests/bench/import $(B)/assess $(BENCH_DIR) $(BENCH_IMPORT) \
	  $(BENCH_RUNS)

# ---- compare: BENCH_ORGS result files, and the answers files ----------
BENCH_CMP_DATA = $(foreach n,$(BENCH_SMALL) $(BENCH_LARGE),\
	$(BENCH_DIR)/answers-$(n)-o$(BENCH_ORGS).csv)

bench-compare: $(B)/assess $(BENCH_TOOLS) $(BENCH_CMP_DATA)
	@tests/bench/compare $(B)/assess $(BENCH_DIR) $(BENCH_SMALL) \
	  $(BENCH_LARGE) $(BENCH_ORGS) $(BENCH_RUNS)

bench-tools: $(BENCH_TOOLS)

bench-clean:
	rm -rf $(BENCH_DIR)

# The generator reads the survey with the engine's own loader.
$(BENCH_DIR)/gen: tests/bench/gen.c $(LIB)
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

$(BENCH_DIR)/csvfloor: tests/bench/csvfloor.c
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CSV_LIBS)

$(BENCH_DIR)/runstat: tests/bench/runstat.c
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# Data depends on the generator's source and the survey, not on the
# binary: relinking gen after an engine change does not regenerate
# hundreds of megabytes.  Written to a temporary name, then renamed.
$(BENCH_DIR)/answers-%.csv: tests/bench/gen.c $(BENCH_SURVEY) \
    | $(BENCH_DIR)/gen
	@echo "  GEN     $@"
	$(Q)$(BENCH_DIR)/gen -s $(BENCH_SURVEY) -n $(word 1,$(subst -o, ,$*)) \
	  -m $(word 2,$(subst -o, ,$*)) -o $@.tmp && mv $@.tmp $@

$(BENCH_DIR)/self.csv: tests/bench/gen.c $(BENCH_SURVEY) | $(BENCH_DIR)/gen
	@echo "  GEN     $@"
	$(Q)$(BENCH_DIR)/gen -s $(BENCH_SURVEY) -n 1 -m 1 -S 7 -o $@.tmp && \
	  mv $@.tmp $@

.PHONY: bench bench-import bench-compare bench-tools bench-clean
