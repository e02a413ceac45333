#!/usr/bin/env bash
# Prints `hash=...` for the GitHub Action's outputs: a fingerprint of the
# source the action builds (what it resolved `@main` or `@v1` to), so that a
# new commit is never served a binary cached from an older one.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
hash=$(
  { find Cargo.toml Cargo.lock build.rs src rules -type f 2>/dev/null || true; } | LC_ALL=C sort |
    while IFS= read -r file; do printf '%s\n' "$file"; cat "$file"; done |
    sha256sum | cut -c1-16
)
echo "hash=$hash"
