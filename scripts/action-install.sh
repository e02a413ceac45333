#!/usr/bin/env bash
# Installs deploylint for the GitHub Action: a cached binary when it is the
# one asked for, else from crates.io (DEPLOYLINT_VERSION) or from the
# action's own source (GITHUB_ACTION_PATH). A binary built from source is
# stamped with the source's fingerprint (DEPLOYLINT_SOURCE_HASH) and kept
# only while the fingerprint matches.
set -euo pipefail

wanted="${DEPLOYLINT_VERSION:-}"
source_hash="${DEPLOYLINT_SOURCE_HASH:-}"
if command -v deploylint >/dev/null 2>&1; then
  binary="$(command -v deploylint)"
  installed="$(deploylint --version | awk '{print $2}')"
  stamp="$(cat "$binary.source" 2>/dev/null || true)"
  if [ -n "$wanted" ] && [ "$installed" = "$wanted" ]; then
    echo "deploylint $installed is already installed"
    exit 0
  fi
  if [ -z "$wanted" ] && [ "$stamp" = "$source_hash" ]; then
    echo "deploylint $installed, built from this source ($source_hash), is already installed"
    exit 0
  fi
fi

if [ -n "$wanted" ]; then
  cargo install --locked deploylint --version "$wanted"
else
  cargo install --locked --path "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  mkdir -p "$bin"
  printf '%s' "$source_hash" > "$bin/deploylint.source"
fi
