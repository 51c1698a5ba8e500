#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lints docs/openapi.yaml with the pinned @redocly/cli of build-aux/node,
# installing it (npm ci, from the committed lock file) when it is missing.
set -u
src=${1:?usage: openapi-lint.sh SOURCE_ROOT}
node_dir="$src/build-aux/node"
redocly="$node_dir/node_modules/.bin/redocly"

if [ ! -x "$redocly" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "openapi-lint: npm is not installed, so @redocly/cli cannot be installed." >&2
    echo "openapi-lint: install Node.js and npm (Debian: apt-get install nodejs npm)," >&2
    echo "openapi-lint: or run: npm ci --prefix build-aux/node" >&2
    exit 1
  fi
  echo "openapi-lint: installing the pinned @redocly/cli into $node_dir/node_modules"
  # One installer at a time, should two build directories test at once.
  lock="$node_dir/.npm-ci.lock"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock"
    flock 9
  fi
  if [ ! -x "$redocly" ]; then
    npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error || {
      echo "openapi-lint: npm ci failed (is the npm registry reachable?)" >&2
      exit 1
    }
  fi
fi

if ! command -v node >/dev/null 2>&1; then
  echo "openapi-lint: node is not installed" >&2
  exit 1
fi

cd "$src" || exit 1
exec "$redocly" lint --config build-aux/node/redocly.yaml --format=stylish docs/openapi.yaml
