# fabrik — the two commands of the README. Each installs what it needs first (.ci/setup).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: serve test build bench

## make serve: build and serve the app on http://127.0.0.1:$(PORT)/
serve:
	@.ci/setup
	@echo "fabrik: open http://127.0.0.1:$(PORT)/"
	trunk serve index.html --release --address 127.0.0.1 --port $(PORT) --skip-version-check

## make test: every test layer (lint, native, wasm-in-browser, end-to-end); fails if any fails
test:
	@.ci/setup --test
	@.ci/test

## make build: the static site in dist/
build:
	@.ci/setup
	trunk build index.html --release --skip-version-check

## make bench: measures (update latency, first chart, bundle size, sweep, native model); prints a table, asserts nothing
bench:
	@.ci/setup --test
	@.ci/bench
