# The README's quick start: `make demo` and `make test`. Both install what is
# missing, configure and build first.
BUILD ?= build
JOBS ?= 2
SHARED ?= ../shared

.PHONY: all deps configure build demo test sanitize fuzz bench bench-national bench-sweep bench-workshop clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > $(BUILD).configure.log 2>&1 || (cat $(BUILD).configure.log; exit 1)

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

# The demo needs only the casesim program, not the test executables, so a
# first `make demo` on a bare machine builds about half as much.
demo: configure
	@cmake --build $(BUILD) -j$(JOBS) --target casesim
	@bash scripts/demo.sh $(BUILD)

# Only the tests need a browser (report_browser draws report.html in
# Chromium), so only `make test` asks for it. Where OpenMPI is installed,
# the MPI tests then run in a second build with -DCASESIM_MPI=ON. Then the
# sanitizer build (clang 14, ASan + UBSan): the unit tests and a short run of
# every shipped scenario under it, and each fuzz target for TEST_FUZZ_SECONDS.
# `make test SANITIZE=0` skips those two for a quick check while working
# (docs/reliability.md says what runs and how long each part takes).
SANITIZE ?= 1
TEST_FUZZ_SECONDS ?= 60
test: build
	@bash scripts/install-deps.sh browser
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	@bash scripts/test-mpi.sh $(BUILD)-mpi $(JOBS)
ifneq ($(SANITIZE),0)
	@bash scripts/install-deps.sh fuzz
	@bash scripts/sanitize.sh $(SANITIZE_BUILD)
	@bash scripts/fuzz.sh $(TEST_FUZZ_SECONDS) $(SANITIZE_BUILD)
endif

# ASan + UBSan with clang 14: the unit tests and a short run of every shipped
# scenario (scripts/sanitize.sh); part of `make test`.
SANITIZE_BUILD ?= $(BUILD)-fuzz
sanitize: deps
	@bash scripts/install-deps.sh fuzz
	@bash scripts/sanitize.sh $(SANITIZE_BUILD)

# The libFuzzer targets, FUZZ_SECONDS each (scripts/fuzz.sh).
FUZZ_SECONDS ?= 180
fuzz: deps
	@bash scripts/install-deps.sh fuzz
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(SANITIZE_BUILD)

bench: build
	@bash bench/run.sh $(BUILD) $(SHARED)

# The national baseline's run and compare times (docs/performance.md).
bench-national: build
	@bash bench/national.sh $(BUILD)

# A force-scale sweep and seek (docs/levers-and-sweeps.md).
bench-sweep: build
	@bash bench/sweep.sh $(BUILD)

# The workshop page's answer times from its HTTP API (docs/workshop.md).
bench-workshop: build
	@node bench/workshop.mjs $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD).configure.log $(BUILD)-mpi $(BUILD)-mpi.configure.log \
	       $(SANITIZE_BUILD) $(SANITIZE_BUILD).configure.log
