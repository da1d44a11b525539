# pith — GNU make build. `make` builds build/pith, build/libpith.a and
# build/libpith.so; `make check` runs every test; see README.md.
#
#   make check                     gcc, objects in build/
#   make check CC=clang            clang, objects in build-clang/
#   make check SAN=1               AddressSanitizer + UBSan, in build-san/
#   make check SAN=thread          ThreadSanitizer, in build-tsan/ (also TSAN=1)
#   make valgrind                  memcheck over the scrapinghub pages
#   make pathological              hostile inputs at size N and 2N
#   make fuzz | fuzz-run           libFuzzer targets (clang)
#   make install PREFIX=/usr DESTDIR=/tmp/stage
#   make run | bench | uninstall | clean

CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

# One build directory per compiler, so that gcc and clang objects never
# mix; BUILD=DIR on the command line overrides.
ifeq ($(origin BUILD),undefined)
BUILD    := $(if $(findstring clang,$(notdir $(CC))),build-clang,build)
endif

# The version is the header's; the soname changes only when the ABI breaks.
VERSION  := $(shell awk '/define PITH_VERSION_STRING/ { gsub(/"/, "", $$3); print $$3 }' include/pith.h)
SOVER    := 0

PKGS     := libxml-2.0 uchardet jansson zlib libdeflate libzstd liblz4 libbrotlidec libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# pith.pc names libcurl in Libs.private, not Requires.private: through
# Requires, `pkg-config --static --libs pith` would list libcurl's own
# static dependencies (nghttp2, ssh2, rtmp, ldap...), which no installed
# -dev package provides; a static libpith links the shared libcurl.
PC_REQUIRES := $(filter-out libcurl,$(PKGS))
PC_LIBS_PRIVATE := -lcurl

OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-missing-field-initializers
CFLAGS   ?=
LDFLAGS  ?=
BASE_CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L
# override: CPPFLAGS=... on the command line adds to these, not replaces.
override CPPFLAGS += $(BASE_CPPFLAGS) -Isrc $(PKG_CFLAGS)
# The tools see include/ only: they are clients of the public API.
TOOL_CPPFLAGS := $(BASE_CPPFLAGS)
ALL_CFLAGS = -std=c11 $(OPT) $(WARN) -fPIC -fvisibility=hidden $(SANFLAGS) $(CFLAGS)
LDLIBS   += $(PKG_LIBS)

# make check SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer;
# SAN=thread (or TSAN=1): ThreadSanitizer (the CLI's workers and ordered
# writer, tests/unit/test_threads.c's eight extractors at once).
ifeq ($(TSAN),1)
SAN := thread
endif
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD    := $(BUILD)-san
else ifeq ($(SAN),thread)
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
BUILD    := $(BUILD)-tsan
else ifeq ($(SAN),fuzz)
# make fuzz: the library instrumented for libFuzzer (clang only).
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
BUILD    := build-fuzz
endif

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TOOL_SRC := $(sort $(wildcard tools/pith/*.c))
TOOL_OBJ := $(TOOL_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_SRC:fuzz/fuzz_%.c=$(BUILD)/tests/replay_%)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all clean check run bench install uninstall deps unit html5lib pathological valgrind fuzz fuzz-run FORCE
all: $(BUILD)/pith $(BUILD)/libpith.a $(BUILD)/libpith.so

# The compiler and flags that built $(BUILD), rewritten only when they
# change: every object depends on it, so CC=..., OPT=... or CFLAGS=...
# rebuild everything instead of linking objects from two configurations.
FLAGS_LINE = $(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS)
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(FLAGS_LINE)' | cmp -s - $@ || printf '%s\n' '$(FLAGS_LINE)' > $@

OBJ_CPPFLAGS = $(CPPFLAGS)
$(TOOL_OBJ): OBJ_CPPFLAGS = $(TOOL_CPPFLAGS)

$(BUILD)/obj/%.o: %.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(OBJ_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libpith.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libpith.so: $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libpith.so.$(SOVER) -o $@.$(VERSION) $^ $(LDLIBS)
	ln -sf libpith.so.$(VERSION) $@.$(SOVER)
	ln -sf libpith.so.$(VERSION) $@

# The tool links the static library: an installed pith runs without
# ldconfig or LD_LIBRARY_PATH.
$(BUILD)/pith: $(TOOL_OBJ) $(BUILD)/libpith.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -pthread -o $@ $^ $(LDLIBS)

# Unit tests: one binary per tests/unit/test_*.c, linked with cmocka, and
# with the brotli encoder, which makes test_http's br bodies.
UNIT_LIBS := $(shell pkg-config --libs libbrotlienc 2>/dev/null) -lcmocka
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpith.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fvisibility=default -o $@ $< $(BUILD)/libpith.a $(LDLIBS) $(UNIT_LIBS)

# The browser test's helper: renders -f explain through the public API
# (tests/browser/run uses `pith -f explain` instead once the CLI has it).
EXPLAIN_HELPER := $(BUILD)/tests/render-explain
$(EXPLAIN_HELPER): tests/browser/render-explain.c $(BUILD)/libpith.a
	@mkdir -p $(dir $@)
	$(CC) $(TOOL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpith.a $(LDLIBS)

# The html5lib tree-construction baseline: how many of the spec's trees the
# parser backend builds (docs/html5lib-baseline.md). A measurement, not a
# pass/fail bar: it exits 0 whatever the share.
H5_BIN   := $(BUILD)/tests/html5lib-tree-construction
$(H5_BIN): tests/html5lib/tree_construction.c $(BUILD)/libpith.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fvisibility=default -o $@ $< $(BUILD)/libpith.a $(LDLIBS)

html5lib: $(H5_BIN)
	@$(H5_BIN)

deps:
	@scripts/setup-deps --check >/dev/null 2>&1 || scripts/setup-deps

unit: $(UNIT_BIN)
	@scripts/run-unit-tests $(UNIT_BIN)

# deps first, then a fresh make: pkg-config above must see the installed
# libraries. A build error stops at once; after it every suite runs, so
# that one failing suite does not hide the state of the others.
# GOLDEN_JSON_ALLOW_FAIL: the records pinned by tests' .json files are
# reported but not yet fatal, while the record's sources are written
# (issue 8); the JSON format's own checks are fatal.
GOLDEN_JSON_ALLOW_FAIL ?= 0
check: deps
	@$(MAKE) --no-print-directory all
	@failed=""; \
	$(MAKE) --no-print-directory unit || failed="$$failed unit"; \
	if [ -x tests/golden/run ]; then GOLDEN_JSON_ALLOW_FAIL=$(GOLDEN_JSON_ALLOW_FAIL) \
	    tests/golden/run $(BUILD)/pith || failed="$$failed golden"; \
	else echo "golden: SKIPPED: tests/golden/run is not in this tree"; fi; \
	tests/cli/run $(BUILD)/pith || failed="$$failed cli"; \
	tests/warc/run $(BUILD)/pith || failed="$$failed warc"; \
	tests/fetch/run $(BUILD)/pith || failed="$$failed fetch"; \
	tests/bench-pages/run $(BUILD)/pith || failed="$$failed bench-pages"; \
	tests/install/run '$(MAKE)' '$(CC)' '$(SANFLAGS)' || failed="$$failed install"; \
	{ $(MAKE) --no-print-directory $(EXPLAIN_HELPER) && \
	  tests/browser/run $(BUILD)/pith $(EXPLAIN_HELPER); } || failed="$$failed browser"; \
	{ $(MAKE) --no-print-directory $(REPLAY_BIN) && \
	  tests/fuzz-regressions/run $(BUILD); } || failed="$$failed fuzz-regressions"; \
	if [ -n "$$failed" ]; then echo "check: FAILED:$$failed"; exit 1; fi; \
	echo "check: every suite passed ($(BUILD))"

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/pith examples/

bench: deps
	@$(MAKE) --no-print-directory all
	@scripts/bench $(BUILD)/pith

# Fuzz targets (fuzz/fuzz_*.c), libFuzzer with ASan and UBSan, clang:
#   make fuzz                       builds build-fuzz/fuzz_*
#   make fuzz-run FUZZ_SECONDS=60   runs each on its corpus for that long
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory SAN=fuzz CC=clang fuzz-targets

fuzz-targets: $(FUZZ_SRC:fuzz/%.c=$(BUILD)/%)

$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(BUILD)/libpith.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer -fvisibility=default -o $@ $< \
	    $(BUILD)/libpith.a $(LDLIBS)

# The fuzz targets as plain programs over files (tests/fuzz-regressions).
$(BUILD)/tests/replay_%: fuzz/fuzz_%.c tests/fuzz-regressions/replay.c $(BUILD)/libpith.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fvisibility=default -o $@ $< tests/fuzz-regressions/replay.c \
	    $(BUILD)/libpith.a $(LDLIBS)

fuzz-run: fuzz
	@fuzz/run build-fuzz $(FUZZ_SECONDS)

# valgrind memcheck over the scrapinghub pages: no invalid access, no
# definite leak (tests/bench-pages/run --valgrind).
valgrind: deps
	@$(MAKE) --no-print-directory all
	@tests/bench-pages/run --valgrind $(BUILD)/pith

# Hostile inputs at size N and 2N: finish, fail clearly, grow linearly.
pathological: deps
	@$(MAKE) --no-print-directory all
	@tests/pathological/run $(BUILD)/pith

# DESTDIR stages a package; PREFIX is where it will live (and what
# pith.pc says).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PKGCONFIGDIR)
	install -m 0755 $(BUILD)/pith $(DESTDIR)$(BINDIR)/pith
	install -m 0644 include/pith.h $(DESTDIR)$(INCLUDEDIR)/pith.h
	install -m 0644 $(BUILD)/libpith.a $(DESTDIR)$(LIBDIR)/libpith.a
	install -m 0755 $(BUILD)/libpith.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpith.so.$(VERSION)
	ln -sf libpith.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpith.so.$(SOVER)
	ln -sf libpith.so.$(SOVER) $(DESTDIR)$(LIBDIR)/libpith.so
	install -m 0644 docs/pith.1 $(DESTDIR)$(MANDIR)/man1/pith.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@REQUIRES_PRIVATE@|$(PC_REQUIRES)|g' -e 's|@LIBS_PRIVATE@|$(PC_LIBS_PRIVATE)|g' \
	    pith.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/pith.pc
	chmod 0644 $(DESTDIR)$(PKGCONFIGDIR)/pith.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pith $(DESTDIR)$(INCLUDEDIR)/pith.h \
	    $(DESTDIR)$(LIBDIR)/libpith.a $(DESTDIR)$(LIBDIR)/libpith.so \
	    $(DESTDIR)$(LIBDIR)/libpith.so.$(SOVER) $(DESTDIR)$(LIBDIR)/libpith.so.$(VERSION) \
	    $(DESTDIR)$(MANDIR)/man1/pith.1 $(DESTDIR)$(PKGCONFIGDIR)/pith.pc

clean:
	rm -rf build build-san build-tsan build-clang build-clang-san build-clang-tsan build-fuzz

-include $(LIB_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
