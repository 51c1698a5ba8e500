# The two commands of README.md.  Everything else is meson.
BUILDDIR ?= build
MESON_SETUP_ARGS ?=

.PHONY: all deps setup build run check bench screenshots clean

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

bench: build
	meson test -C $(BUILDDIR) --benchmark --verbose

screenshots: build
	build-aux/screenshots $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR)
