#!/usr/bin/env bash
# Runs the pre-commit hooks for real: `pre-commit try-repo` installs this
# repository's hooks (the hook package, which installs the deploylint wheel,
# as users get it) and runs them on a scratch git repository with a bad and a
# good manifest. DEPLOYLINT_WHEELS names a folder holding the wheel built
# from this source (and the build backend): pip then installs from there alone.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v pre-commit >/dev/null 2>&1; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet pre-commit
  export PATH="$work/venv/bin:$PATH"
fi
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$work/pre-commit-home}"
if [ -n "${DEPLOYLINT_WHEELS:-}" ]; then
  export PIP_FIND_LINKS="$DEPLOYLINT_WHEELS" PIP_NO_INDEX=1
fi

scratch="$work/scratch"
mkdir -p "$scratch/deploy"
cd "$scratch"
git init --quiet
git config user.email ci@example.invalid
git config user.name ci
cat > deploy/bad.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx
YAML
git add deploy/bad.yaml
git commit --quiet -m "a bad manifest"

# Both hooks at once: pre-commit installs the wheel once for them.
log="$work/bad.log"
if pre-commit try-repo "$repo" --all-files >"$log" 2>&1; then
  cat "$log"
  echo "the pre-commit hooks passed on a bad manifest" >&2
  exit 1
fi
for expected in "k8s/host-namespace" "deploylint\.*Failed" "deploylint (whole repository)\.*Failed"; do
  if ! grep -q "$expected" "$log"; then
    cat "$log"
    echo "the pre-commit output lacks: $expected" >&2
    exit 1
  fi
done
echo "ok: both hooks fail on a bad manifest"

# A clean repository passes.
git rm --quiet deploy/bad.yaml
mkdir -p deploy
cat > deploy/good.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
YAML
git add deploy/good.yaml
git commit --quiet -m "a good manifest"
pre-commit try-repo "$repo" --all-files
echo "ok: both hooks pass on a clean repository"
