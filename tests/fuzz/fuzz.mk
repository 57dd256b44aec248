# tests/fuzz/fuzz.mk - libFuzzer harnesses (included by the top Makefile).
#
#   make fuzz                   install what is missing, build the harnesses
#                               and run each for FUZZ_SECONDS (default 60);
#                               fails on any crash, leak, timeout or OOM
#   make fuzz FUZZ_SECONDS=3600 FUZZ_TARGETS="rules answers"
#   make fuzz-regress           replay every committed seed and every saved
#                               crash (tests/fuzz/crashes/) once: cheap
#   make fuzz-build             only build build-fuzz/fuzz_TARGET
#   make fuzz-clean             remove build-fuzz/ (also the corpora the
#                               runs grew there)
#
# Harnesses (tests/fuzz/fuzz_*.c) call exactly what the program calls:
# survey_load, target_survey_of + target_load, answers_read into agg_add,
# the rule engine through score_org, report_md/json/csv, and each survey
# tool's importer (fuzz_import_TOOL.c, whose oracle reads back what the
# importer writes).  They are
# described at the top of each file; tests/fuzz/README.md has the rest.
#
# Everything is compiled with clang: our sources and the harnesses with
# -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all,
# linked with -fsanitize=fuzzer.  cJSON, libcsv and Lua are compiled the
# same way from the Debian source packages of the installed versions
# (tests/fuzz/fetch-libs: apt-get source with a private sources.list,
# then dpkg-source -x into build-fuzz/src).  If the sources cannot be
# fetched, the build FALLS BACK TO THE SYSTEM SHARED LIBRARIES, which are
# not instrumented: fetch-libs and the summary say so.  FUZZ_LIBS=system
# asks for that fallback.  No library source is kept in the tree.
#
# Each run works on a copy of the committed seeds (tests/fuzz/corpus/T/,
# copied into build-fuzz/corpus/T/, which keeps what earlier runs found)
# with the dictionary tests/fuzz/T.dict.  Crash, leak, timeout and OOM
# inputs go to build-fuzz/artifacts/T/; minimise one with
#   build-fuzz/fuzz_T -minimize_crash=1 -runs=10000 FILE
# and commit it as tests/fuzz/crashes/T/NAME, where fuzz-regress replays
# it for good.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= survey target answers rules writers import_google \
                import_msforms import_limesurvey import_kobo import_odk \
                import_surveymonkey import_qualtrics journal
FUZZ_LIBS    ?= debian
FUZZ_CC      ?= clang
FUZZ_OPT     ?= -O1 -g
FUZZ_FLAGS   ?=
FUZZ_B       := build-fuzz
FUZZ_SAN      = -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_DEB_PKGS = clang libclang-rt-14-dev dpkg-dev $(DEB_PKGS)

# FUZZ_LIB_MODE (debian | system), FUZZ_LIB_NOTE and the source folders,
# written by tests/fuzz/fetch-libs.  No rule makes it: only `make fuzz`,
# `make fuzz-regress` and `make fuzz-libs` fetch anything.
-include $(FUZZ_B)/libs.mk

ifeq ($(FUZZ_LIB_MODE),debian)
FUZZ_INC  = -I$(FUZZ_B)/include
FUZZ_DEPS = $(FUZZ_B)/lib/libfuzzdeps.a
FUZZ_LINK = $(FUZZ_DEPS) -lm -ldl
else
FUZZ_INC  = $(DEP_CFLAGS)
FUZZ_DEPS =
FUZZ_LINK = $(DEP_LIBS) -ldl
endif

FUZZ_CFLAGS = $(filter-out -Werror,$(WARN)) -Iassess -Ireports $(FUZZ_INC) \
              -D_POSIX_C_SOURCE=200809L -DASSESS_DATADIR='"$(DATADIR)"' \
              $(FUZZ_OPT) $(FUZZ_SAN)
FUZZ_SRC    = $(filter-out assess/main.c,$(SRC))
FUZZ_OBJ    = $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(FUZZ_SRC))
FUZZ_COMMON = $(FUZZ_B)/obj/tests/fuzz/fuzz_util.o \
              $(FUZZ_B)/obj/tests/fuzz/fuzz_oracle.o \
              $(FUZZ_B)/obj/tests/fuzz/fuzz_json.o
FUZZ_BINS   = $(patsubst %,$(FUZZ_B)/fuzz_%,$(FUZZ_TARGETS))

# ---- the libraries, from the Debian sources -------------------------------
# Lua as Debian builds it (debian/rules: make linux-readline, gcc
# -std=gnu99; src/Makefile: -DLUA_COMPAT_5_3 -DLUA_USE_LINUX).  The
# libraries a rule can call are placed in their own text section, which
# fuzz_rules.c uses to recognise the engine's designed watchdog stop.
FUZZ_LUA_CORE = lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem \
                lobject lopcodes lparser lstate lstring ltable ltm lundump \
                lvm lzio lauxlib lcorolib ldblib liolib loadlib loslib linit
FUZZ_LUA_SECT = lbaselib lmathlib lstrlib ltablib lutf8lib
FUZZ_LUA_OBJ  = $(patsubst %,$(FUZZ_B)/lib/lua/%.o,$(FUZZ_LUA_CORE)) \
                $(patsubst %,$(FUZZ_B)/lib/lua/%.sect.o,$(FUZZ_LUA_SECT))
FUZZ_LIBFLAGS = -w $(FUZZ_OPT) $(FUZZ_SAN)

$(FUZZ_B)/lib/libfuzzdeps.a: $(FUZZ_B)/lib/cJSON.o $(FUZZ_B)/lib/libcsv.o \
    $(FUZZ_LUA_OBJ)
	$(if $(V),,@echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_B)/lib/cJSON.o: $(FUZZ_CJSON_DIR)/cJSON.c $(FUZZ_B)/libs.mk
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) -std=c89 $(FUZZ_LIBFLAGS) -c -o $@ $<

$(FUZZ_B)/lib/libcsv.o: $(FUZZ_CSV_DIR)/libcsv.c $(FUZZ_B)/libs.mk
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_LIBFLAGS) -c -o $@ $<

FUZZ_LUA_CFLAGS = -std=gnu99 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX \
                  -I$(FUZZ_B)/include $(FUZZ_LIBFLAGS)

$(FUZZ_B)/lib/lua/%.o: $(FUZZ_LUA_DIR)/%.c $(FUZZ_B)/libs.mk
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_LUA_CFLAGS) -c -o $@ $<

$(FUZZ_B)/lib/lua/%.sect.o: $(FUZZ_LUA_DIR)/%.c $(FUZZ_B)/libs.mk \
    tests/fuzz/lualib-section.h
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_LUA_CFLAGS) -include tests/fuzz/lualib-section.h \
	  -c -o $@ $<

# ---- our sources and the harnesses ---------------------------------------
$(FUZZ_B)/obj/%.o: %.c $(FUZZ_B)/libs.mk
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_B)/obj/tests/fuzz/%.o: tests/fuzz/%.c $(FUZZ_B)/libs.mk
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/fuzz \
	  -DFUZZ_ROOT='"$(CURDIR)"' -MMD -MP -c -o $@ $<

$(FUZZ_B)/fuzz_%: $(FUZZ_B)/obj/tests/fuzz/fuzz_%.o $(FUZZ_COMMON) \
    $(FUZZ_OBJ) $(FUZZ_DEPS)
	$(if $(V),,@echo "  LD      $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $< \
	  $(FUZZ_COMMON) $(FUZZ_OBJ) $(FUZZ_LINK) $(FUZZ_LDEXTRA)

# fuzz_rules.c frees the rule text rules_prepare() holds when the
# watchdog's designed stop leaves the call (see the comment there)

-include $(wildcard $(FUZZ_B)/obj/*/*.d $(FUZZ_B)/obj/tests/fuzz/*.d)

# made through pattern rules only: keep them between builds
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_COMMON) \
    $(patsubst %,$(FUZZ_B)/obj/tests/fuzz/fuzz_%.o,$(FUZZ_TARGETS))

# ---- targets --------------------------------------------------------------
# Debian packages, installed like `make deps` does (as root), else the
# command to run is printed and the target stops.
fuzz-deps:
	$(call install-debs,make fuzz,$(FUZZ_DEB_PKGS))
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || \
	  { echo "make fuzz needs $(FUZZ_CC) (FUZZ_CC)"; exit 1; }

fuzz-libs:
	@FUZZ_LIBS=$(FUZZ_LIBS) tests/fuzz/fetch-libs $(FUZZ_B)

ifeq ($(FUZZ_LIB_MODE),)
fuzz-build:
	@echo "fuzz-build: no $(FUZZ_B)/libs.mk yet; run make fuzz-libs" \
	  "(or make fuzz)"; exit 1
else
fuzz-build: $(FUZZ_BINS)
endif

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-libs
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_FLAGS='$(FUZZ_FLAGS)' \
	  tests/fuzz/run fuzz $(FUZZ_B) $(FUZZ_TARGETS)

fuzz-regress: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-libs
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run regress $(FUZZ_B) $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_B)

.PHONY: fuzz fuzz-deps fuzz-libs fuzz-build fuzz-regress fuzz-clean
