# make bench - scoring throughput, memory and latency on generated answers.
#
# Included by the top Makefile (after its variables).  Builds three small
# tools into $(B)/bench, generates the answers files there once (they are
# reused while tests/bench/gen.c and the survey are unchanged), and runs
# tests/bench/run, which prints the figures and a PASS/MISS line per
# performance target of the design.  Not part of
# make test.
#
#   make bench                    the design's sizes: 100,000 and 1,000,000
#                                 respondents across 2,000 organisations
#   make bench BENCH_RUNS=9       more timed runs per figure (default 5)
#   make bench BENCH_ROWS=200000  a quicker, smaller large file
#   make bench-import             only the import figure (tests/bench/import)
#   make bench-clean              remove the generated files

BENCH_DIR      = $(B)/bench
BENCH_SURVEY   = surveys/social-media-readiness/survey.json
BENCH_ROWS    ?= 1000000
BENCH_SMALL   ?= 100000
BENCH_ORGS    ?= 2000
BENCH_RUNS    ?= 5
BENCH_LATENCY ?= 50
BENCH_TOOLS    = $(BENCH_DIR)/gen $(BENCH_DIR)/csvfloor $(BENCH_DIR)/runstat

# answers-N.csv has respondent ids; answers-N-noid.csv is the same file
# with the respondent column named _respondent (ignored by the engine).
BENCH_DATA = $(BENCH_DIR)/answers-$(BENCH_SMALL).csv \
	$(BENCH_DIR)/answers-$(BENCH_SMALL)-noid.csv \
	$(BENCH_DIR)/answers-$(BENCH_ROWS).csv \
	$(BENCH_DIR)/answers-$(BENCH_ROWS)-noid.csv \
	$(BENCH_DIR)/self.csv

bench: $(B)/assess $(BENCH_TOOLS) $(BENCH_DATA)
	@tests/bench/run $(B)/assess $(BENCH_DIR) $(BENCH_SMALL) \
	  $(BENCH_ROWS) $(BENCH_ORGS) $(BENCH_RUNS) $(BENCH_LATENCY)
	@$(MAKE) --no-print-directory bench-import

# ---- import: a survey-tool export of BENCH_SMALL responses -------------
bench-import: $(B)/assess $(BENCH_TOOLS)
	@tests/bench/import $(B)/assess $(BENCH_DIR) $(BENCH_SMALL) \
	  $(BENCH_RUNS)

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
BENCH_GEN = $(BENCH_DIR)/gen -s $(BENCH_SURVEY) -m $(BENCH_ORGS)

$(BENCH_DIR)/answers-%-noid.csv: tests/bench/gen.c $(BENCH_SURVEY) \
    | $(BENCH_DIR)/gen
	@echo "  GEN     $@"
	$(Q)$(BENCH_GEN) -R -n $* -o $@.tmp && mv $@.tmp $@

$(BENCH_DIR)/answers-%.csv: tests/bench/gen.c $(BENCH_SURVEY) \
    | $(BENCH_DIR)/gen
	@echo "  GEN     $@"
	$(Q)$(BENCH_GEN) -n $* -o $@.tmp && mv $@.tmp $@

$(BENCH_DIR)/self.csv: tests/bench/gen.c $(BENCH_SURVEY) | $(BENCH_DIR)/gen
	@echo "  GEN     $@"
	$(Q)$(BENCH_DIR)/gen -s $(BENCH_SURVEY) -n 1 -m 1 -S 7 -o $@.tmp && \
	  mv $@.tmp $@

.PHONY: bench bench-import bench-tools bench-clean
