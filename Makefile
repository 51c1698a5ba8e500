# The two commands of README.md.  Everything else is meson.
BUILDDIR ?= build
MESON_SETUP_ARGS ?=

.PHONY: all deps setup build run check memcheck bench screenshots clean

all: build

deps:
	@build-aux/install-deps

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_SETUP_ARGS)

setup: deps $(BUILDDIR)/build.ninja

build: setup
	meson compile -C $(BUILDDIR)

run: build
	$(BUILDDIR)/src/app/redress --demo

# CI and `make check` build with -Werror: main stays free of warnings.
check: deps
	@if [ -f $(BUILDDIR)/build.ninja ]; then \
	  meson configure $(BUILDDIR) -Dwerror=true; \
	else \
	  meson setup $(BUILDDIR) -Dwerror=true $(MESON_SETUP_ARGS); \
	fi
	meson compile -C $(BUILDDIR)
	build-aux/run-tests $(BUILDDIR)

# The core's tests under valgrind's memcheck: errors and definite leaks fail.
MEMCHECK_TESTS ?= test-enums test-format test-policy test-phrasebook test-codec test-store test-session test-quality test-sync test-api
memcheck: build
	build-aux/run-tests $(BUILDDIR) --setup valgrind $(MEMCHECK_TESTS)

# Speed and memory, measured (never asserted): see tests/bench/.
bench: build
	meson test -C $(BUILDDIR) --benchmark --verbose

screenshots: build
	build-aux/screenshots $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR)
