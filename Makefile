# pith — GNU make build. `make` builds build/pith, build/libpith.a and
# build/libpith.so; `make check` runs every test; see README.md.

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
VERSION  := 0.1.0
SOVER    := 0

PKGS     := libxml-2.0 uchardet
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-missing-field-initializers
CFLAGS   ?=
CPPFLAGS += -Iinclude -Isrc $(PKG_CFLAGS) -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = -std=c11 $(OPT) $(WARN) -fPIC -fvisibility=hidden $(SANFLAGS) $(CFLAGS)
LDLIBS   += $(PKG_LIBS) -lpthread

# make check SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer.
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD    := build-san
endif

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TOOL_SRC := tools/pith.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all clean check run bench install deps unit html5lib
all: $(BUILD)/pith $(BUILD)/libpith.a $(BUILD)/libpith.so

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libpith.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libpith.so: $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libpith.so.$(SOVER) -o $@.$(VERSION) $^ $(LDLIBS)
	ln -sf libpith.so.$(VERSION) $@.$(SOVER)
	ln -sf libpith.so.$(VERSION) $@

$(BUILD)/pith: $(BUILD)/obj/tools/pith.o $(BUILD)/libpith.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# Unit tests: one binary per tests/unit/test_*.c, linked with cmocka.
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpith.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fvisibility=default -o $@ $< $(BUILD)/libpith.a $(LDLIBS) -lcmocka

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

check: deps
	@$(MAKE) --no-print-directory all unit
	@tests/golden/run $(BUILD)/pith
	@tests/cli/run $(BUILD)/pith

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/pith examples/

clean:
	rm -rf build build-san build-clang

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/tools/pith.d
