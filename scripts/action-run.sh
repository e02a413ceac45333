#!/usr/bin/env bash
# Runs deploylint for the GitHub Action from the DEPLOYLINT_* variables that
# action.yml maps its inputs to, and fails the step by deploylint's status.
set -uo pipefail

read -r -a paths <<< "${DEPLOYLINT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi

args=(--format "${DEPLOYLINT_FORMAT:-github}")
if [ -n "${DEPLOYLINT_FAIL_ON:-}" ]; then
  args+=(--fail-on "$DEPLOYLINT_FAIL_ON")
fi
if [ -n "${DEPLOYLINT_CONFIG:-}" ]; then
  args+=(--config "$DEPLOYLINT_CONFIG")
fi
read -r -a policies <<< "${DEPLOYLINT_POLICY:-}"
for policy in "${policies[@]}"; do
  args+=(--policy "$policy")
done
if [ -n "${DEPLOYLINT_SARIF_FILE:-}" ]; then
  args+=(--output-format sarif --output "$DEPLOYLINT_SARIF_FILE")
fi

status=0
deploylint "${paths[@]}" "${args[@]}" || status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
