# assess - organisational readiness assessment toolkit
#
#   make            build build/assess
#   make demo       install missing packages, build, score the bundled example
#   make test       install missing packages, build, run every test: plain,
#                   under ASan+UBSan and under valgrind
#   make check      the plain test suite only (quick)
#   make asan       the test suite under AddressSanitizer and UBSan
#   make valgrind   the test suite under valgrind memcheck
#   make install    PREFIX=/usr/local DESTDIR= (binary, surveys, rules,
#                   manual page, bash completion)
#   make fuzz       run each libFuzzer harness for FUZZ_SECONDS (default 60)
#   make bench      measure scoring throughput and memory on generated data
#   make deps       install the Debian packages assess builds with
#   make test-deps  install what some tests drive: chromium (the form's
#                   round trip in a browser) and man (the manual page)
#   make lint       cppcheck
#   V=1             show the compiler commands
#   STATIC=         link the shared Lua and libcsv instead of their archives

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/assess
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKG_CONFIG ?= pkg-config
LUA_PC     ?= lua5.4
# Lua and libcsv are linked from their static archives when the -dev
# packages ship them (Debian's do): no run-time lookups of the hundreds
# of Lua functions the engine calls, which a one-respondent run notices.
# STATIC= links the shared libraries instead.
STATIC     ?= 1
DEP_LIBDIR := $(shell $(PKG_CONFIG) --variable=libdir $(LUA_PC) 2>/dev/null)
ifneq ($(STATIC),)
LUA_A      := $(wildcard $(DEP_LIBDIR)/lib$(LUA_PC).a)
CSV_A      := $(wildcard $(DEP_LIBDIR)/libcsv.a)
endif
CSV_LIBS   ?= $(if $(CSV_A),$(CSV_A),-lcsv)
CFLAGS     ?= -O2 -g
B          ?= build
DEV        ?= 1
V          ?=
Q           = $(if $(V),,@)

WARN = -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -Wundef
ifneq ($(DEV),)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SAN = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LUA_PC) libcjson 2>/dev/null)
LUA_LIBS   := $(if $(LUA_A),$(LUA_A) -ldl,$(shell $(PKG_CONFIG) --libs \
              $(LUA_PC) 2>/dev/null))
DEP_LIBS   := $(LUA_LIBS) $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null) \
              $(CSV_LIBS) -lm
ALL_CFLAGS  = $(WARN) $(SAN) -Iassess -Ireports $(DEP_CFLAGS) \
              -D_POSIX_C_SOURCE=200809L -DASSESS_DATADIR='"$(DATADIR)"' \
              $(CPPFLAGS) $(CFLAGS)

SRC  := $(wildcard assess/*.c) $(wildcard reports/*.c)
OBJ  := $(patsubst %.c,$(B)/obj/%.o,$(SRC))
LIB  := $(filter-out $(B)/obj/assess/main.o,$(OBJ)) \
        $(B)/obj/gen/precompiled.o
UNIT := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

DEB_PKGS = libcsv-dev libcjson-dev liblua5.4-dev pkg-config \
           valgrind strace locales cppcheck pandoc unzip
# the browser tests (tests/cli/t7100-browser.sh, the form's round trip):
# render, print, count pages
BROWSER_DEBS = chromium poppler-utils
# the manual page test renders with man
TEST_DEB_PKGS = man-db python3

all: $(B)/assess

$(B)/assess: $(OBJ) $(B)/obj/gen/precompiled.o
	$(if $(V),,@echo "  LD      $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

# The bundled rule files, compiled into the binary (assess/gen/rulebc.c)
# when Lua is linked statically, so that the Lua that loads the bytecode
# is the one that wrote it: compiling them was the largest part of a
# self-assessment's start.  Otherwise the table is empty and every rule
# file is compiled from its text as it is loaded, as other rule files
# always are.
PRECOMPILED := $(if $(LUA_A),$(sort $(wildcard rules/*.lua rules/lib/*.lua)))

$(B)/gen/rulebc: assess/gen/rulebc.c
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LUA_LIBS) -lm

$(B)/gen/precompiled.c: $(B)/gen/rulebc $(PRECOMPILED) $(B)/gen/list.stamp
	$(if $(V),,@echo "  GEN     $@")
	$(Q)$(B)/gen/rulebc $@.tmp $(PRECOMPILED) && mv $@.tmp $@

# which files are precompiled (none without static Lua): remade when
# that changes
$(B)/gen/list.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(PRECOMPILED)' | cmp -s - $@ || echo '$(PRECOMPILED)' >$@

$(B)/obj/gen/precompiled.o: $(B)/gen/precompiled.c assess/precompiled.h
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c tests/unit/check.h tests/unit/fixtures.h $(LIB)
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit $(if $(PRECOMPILED), \
	  -DASSESS_PRECOMPILED) $(LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

# The data directory is compiled into paths.o: rebuild it when it changes.
$(B)/obj/assess/paths.o: $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
FORCE:

# $(call install-debs,WHAT,PACKAGES): the Debian packages that are
# missing are installed (as root), else the command to run is printed and
# the recipe fails.
define install-debs
	@missing=; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(2); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	      grep -q 'install ok installed' || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing \
	      >/dev/null 2>&1 || { apt-get update -q >/dev/null && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; }; \
	  else \
	    echo "$(1) needs these Debian packages:$$missing"; \
	    echo "run:  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install-debs,assess,$(DEB_PKGS))

# What the tests use beyond the build; a test whose tool is missing says
# SKIP loudly.
test-deps:
	@$(MAKE) --no-print-directory -s test-debs || \
	  echo "test-deps: $(TEST_DEB_PKGS) NOT all installed: some tests will SKIP"

test-debs:
	$(call install-debs,the tests,$(TEST_DEB_PKGS))

# Chromium and poppler-utils for the browser tests; when they cannot be
# installed the tests say so loudly and skip.
browser-deps:
	@$(MAKE) --no-print-directory -s browser-debs || \
	  echo "browser-deps: chromium/poppler-utils NOT installed: the browser tests will SKIP"

browser-debs:
	$(call install-debs,make browser-test,$(BROWSER_DEBS))

# The HTML reports rendered, printed and checked in headless Chromium;
# the PNG and PDF files are kept in build/browser/.
browser-test: browser-deps
	@$(MAKE) --no-print-directory $(B)/assess
	@BROWSER=1 ASSESS=$(CURDIR)/$(B)/assess sh tests/cli/t7100-browser.sh | \
	  tee $(B)/browser.log | grep -v '^ok'; \
	  grep -q 'RESULT passed=[0-9]* failed=0' $(B)/browser.log

# The whole suite: cppcheck, then the tests plain, under ASan+UBSan and
# under valgrind (tests/suite), then the browser tests.
test: deps test-deps browser-deps
	@$(MAKE) --no-print-directory -j2 test-binaries
	@$(MAKE) --no-print-directory -s lint && echo "cppcheck: quiet"
	@tests/suite
	@$(MAKE) --no-print-directory browser-test

test-binaries: binaries-plain binaries-asan

binaries-plain:
	@$(MAKE) --no-print-directory binaries

binaries-asan:
	@$(MAKE) --no-print-directory B=build-asan SANITIZE=address,undefined \
	  CFLAGS='-O1 -g' binaries

binaries: $(B)/assess $(UNIT) $(B)/tests/enospc.so

# A test shim that makes the disk look full (tests/cli/t5000-safety.sh).
$(B)/tests/enospc.so: tests/shim/enospc.c
	@mkdir -p $(@D)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) -shared -fPIC -O1 -o $@ $< -ldl

# The plain suite only: the quick loop while working on the code.
check: binaries
	@tests/run $(B)

demo: deps
	@$(MAKE) --no-print-directory $(B)/assess
	@tests/demo $(B)/assess

asan: deps
	@$(MAKE) --no-print-directory binaries-asan
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  tests/run build-asan "asan+ubsan"

valgrind: deps
	@$(MAKE) --no-print-directory binaries
	@VALGRIND=1 tests/run $(B) valgrind

install: all
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)' \
	  '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)'
	install -m 755 $(B)/assess '$(DESTDIR)$(BINDIR)/assess'
	cp -R surveys rules '$(DESTDIR)$(DATADIR)/'
	sed 's|/usr/local/share/assess|$(DATADIR)|g' assess/assess.1 \
	  >'$(DESTDIR)$(MANDIR)/man1/assess.1'
	chmod 644 '$(DESTDIR)$(MANDIR)/man1/assess.1'
	install -m 644 assess/assess.bash-completion \
	  '$(DESTDIR)$(BASHCOMPDIR)/assess'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/assess' '$(DESTDIR)$(MANDIR)/man1/assess.1' \
	  '$(DESTDIR)$(BASHCOMPDIR)/assess'
	rm -rf '$(DESTDIR)$(DATADIR)'

# Static checks.  Declarations at the top of a block are this code's
# style, so cppcheck's variableScope advice is off.
lint:
	cppcheck --enable=warning,style,performance,portability --std=c99 \
	  --quiet --inline-suppr --error-exitcode=1 -Iassess -Ireports \
	  --suppress=missingIncludeSystem --suppress=variableScope \
	  assess reports tests/unit tests/shim tests/bench tests/fuzz

clean:
	rm -rf build build-asan build-fuzz

-include $(OBJ:.o=.d)

# make fuzz (libFuzzer harnesses) and make bench (throughput and memory)
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk

.PHONY: FORCE all deps test-deps test-debs browser-deps browser-debs \
	browser-test test test-binaries binaries-plain binaries-asan binaries \
	check demo asan valgrind lint install uninstall clean
