# A thin wrapper over CMake; every target installs missing packages first.
#   make demo      build, then scan samples/ and show the findings
#   make test      build, then run every test (unit and command-line)
#   make sanitize  the tests again under AddressSanitizer + UBSan
#   make bench     release build, then the benchmarks in tests/bench/
#   make bench-fp  the shipped rules' findings per GB on system trees
#                  (FP_TREES, default /usr/lib/x86_64-linux-gnu /usr/share/doc)
#   make fuzz      clang + libFuzzer build (build-fuzz), then every fuzz
#                  target of tests/fuzz for FUZZ_SECONDS each (default 60),
#                  after its regression inputs; FUZZ_TARGETS="log-samba csv"
#                  runs only those (names: tests/fuzz/README.md);
#                  FUZZ_RUNS=N also stops each target after N executions
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
BENCH_BUILD ?= build-release
PACKAGE_BUILD ?= build-package
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_RUNS ?=
FP_TREES ?=
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test sanitize bench bench-fp fuzz package report-shots clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@samples/demo $(BUILD)/mamori $(BUILD)/demo-report.html

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

sanitize: deps
	@cmake -S . -B $(SANITIZE_BUILD) -DMAMORI_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	@ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

report-shots: build
	@python3 tests/report/browser.py shots $(BUILD)/mamori $(BUILD)/shots
	@cp $(BUILD)/shots/report.png samples/screenshots/report.png
	@cp $(BUILD)/shots/case.pdf $(BUILD)/case.pdf
	@echo "samples/screenshots/report.png, $(BUILD)/case.pdf"

package: deps
	@cmake -S . -B $(PACKAGE_BUILD) -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(PACKAGE_BUILD) -j $(JOBS) --target mamori
	@cd $(PACKAGE_BUILD) && cpack -G DEB >/dev/null && ls -1 $(CURDIR)/$(PACKAGE_BUILD)/mamori_*.deb

bench: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS)
	@tests/bench/run $(BENCH_BUILD)

# False positives of the shipped rules on system trees (FP_TREES, default
# /usr/lib/x86_64-linux-gnu and /usr/share/doc): findings per GB; fails on
# any at medium or above.
bench-fp: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS) --target mamori
	@tests/bench/false_positives.sh $(BENCH_BUILD) $(FP_TREES)

fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DMAMORI_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	@FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(BENCH_BUILD) $(FUZZ_BUILD) $(PACKAGE_BUILD)
