#!/usr/bin/env bash
# Installs deploylint for the GitHub Action: a cached binary when it is the
# one asked for, else from crates.io (DEPLOYLINT_VERSION) or from the
# action's own source (GITHUB_ACTION_PATH).
set -euo pipefail

wanted="${DEPLOYLINT_VERSION:-}"
if command -v deploylint >/dev/null 2>&1; then
  installed="$(deploylint --version | awk '{print $2}')"
  if [ -z "$wanted" ] || [ "$installed" = "$wanted" ]; then
    echo "deploylint $installed is already installed"
    exit 0
  fi
fi

if [ -n "$wanted" ]; then
  cargo install --locked deploylint --version "$wanted"
else
  cargo install --locked --path "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
fi
