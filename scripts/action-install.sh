#!/usr/bin/env bash
# Installs deploylint for the GitHub Action. A released version (the
# `version` input, or the version of the action's own source when the action
# is used at its release tag, `@v0.1.0`) is downloaded for the runner and its
# SHA-256 checksum verified; an unreleased ref (`@main`) is built from the
# action's own source. A binary already on PATH (the cache) is kept when it
# is the version asked for, or was built from this very source: a build is
# stamped with the source's fingerprint (DEPLOYLINT_SOURCE_HASH).
set -euo pipefail

action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
releases="${DEPLOYLINT_RELEASES_URL:-https://github.com/deploylint/deploylint/releases/download}"
source_hash="${DEPLOYLINT_SOURCE_HASH:-}"

wanted="${DEPLOYLINT_VERSION:-}"
if [ -z "$wanted" ]; then
  own="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action/Cargo.toml" | head -n 1)"
  if [ "${DEPLOYLINT_ACTION_REF:-}" = "v$own" ]; then
    wanted="$own"
  fi
fi

if command -v deploylint >/dev/null 2>&1; then
  installed="$(deploylint --version | awk '{print $2}')"
  stamp="$(cat "$(command -v deploylint).source" 2>/dev/null || true)"
  if [ -n "$wanted" ] && [ "$installed" = "$wanted" ]; then
    echo "deploylint $installed is already installed"
    exit 0
  fi
  if [ -z "$wanted" ] && [ -n "$source_hash" ] && [ "$stamp" = "$source_hash" ]; then
    echo "deploylint $installed, built from this source ($source_hash), is already installed"
    exit 0
  fi
fi

# The release target for this runner.
target() {
  case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) return 1 ;;
  esac
}

mkdir -p "$bin"
if [ -n "$wanted" ]; then
  triple="$(target)" || { echo "no deploylint release for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}" >&2; exit 1; }
  name="deploylint-$wanted-$triple"
  archive="$name.tar.gz"
  [ "$triple" = x86_64-pc-windows-msvc ] && archive="$name.zip"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "downloading $releases/v$wanted/$archive"
  curl --fail --silent --show-error --location --retry 3 \
    --output "$work/$archive" "$releases/v$wanted/$archive"
  curl --fail --silent --show-error --location --retry 3 \
    --output "$work/$archive.sha256" "$releases/v$wanted/$archive.sha256"
  (cd "$work" && sha256sum --check "$archive.sha256")
  case "$archive" in
    *.zip) unzip -q "$work/$archive" -d "$work" ;;
    *) tar -xzf "$work/$archive" -C "$work" ;;
  esac
  install -m 755 "$work/$name/deploylint"* "$bin/"
  rm -f "$bin/deploylint.source"
  echo "deploylint $wanted installed from the release, checksum verified"
else
  cargo install --locked --path "$action"
  printf '%s' "$source_hash" > "$bin/deploylint.source"
fi
