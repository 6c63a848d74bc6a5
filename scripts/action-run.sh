#!/usr/bin/env bash
# The run step of the uar-check GitHub Action (action.yml): runs `uar-check run` with the action's inputs, appends
# summary.md to $GITHUB_STEP_SUMMARY, writes the step outputs to $GITHUB_OUTPUT and exits per --fail-on.
# It runs the same way on a laptop: point GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE at a folder.
#
# Environment (every input is optional unless noted; relative paths are relative to GITHUB_WORKSPACE):
#   SEGMENT_PUBLIC_API_TOKEN  the Segment Public API token (required; read by the CLI, never printed or passed as an argument)
#   INPUT_POLICY              policy directories, separated by spaces or newlines; the word `builtin` means the
#                             bundled policies; empty = the bundled policies only
#   INPUT_REGION              us | eu (default us)            INPUT_API_URL   API base URL (overrides the region)
#   INPUT_IDENTITY            identity exports, one per line  INPUT_IDENTITY_FORMAT  force their format
#   INPUT_HR                  HR roster                        INPUT_REVIEWS   review decisions
#   INPUT_CONFIG              config file (params, exceptions, disabled controls, input files)
#   INPUT_FAIL_ON             critical | high | medium | low (default high)
#   INPUT_FAIL_ON_UNKNOWN     true | false (default false)
#   INPUT_OUTPUT_DIR          where the files go (default uar-evidence)
#   INPUT_SARIF_CATEGORY      SARIF category (default: the CLI's uar-check/<workspace slug>/)
#   INPUT_ARTIFACT_NAME       artifact name to report (default uar-evidence-<workspace slug>)
#   UAR_ACTION_PATH           the uar-check checkout with `npm ci` done (default: this script's repository)
#   UAR_DEFER_EXIT            true: always exit 0 and leave the failing to the caller (the action's last step),
#                             so SARIF and evidence are uploaded first; the code is in the exit-code output
#
# Outputs (GITHUB_OUTPUT; printed to stderr when it is not set): exit-code, verdict (pass|fail|error), and when the
# files exist: output-dir, evidence, sarif, summary, workspace, failing-controls, findings, unknown-controls,
# error-controls, complete, sarif-category, artifact-name.
#
# Exit: 0 nothing failing at or above fail-on; 1 findings at or above it; 2 the run failed (bad input, token, API).
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
action_path=${UAR_ACTION_PATH:-$(dirname -- "$script_dir")}
action_path=$(cd -- "$action_path" && pwd) || {
  printf '::error title=uar-check::UAR_ACTION_PATH %s is not a directory\n' "$action_path" >&2
  exit 2
}
workspace=${GITHUB_WORKSPACE:-$PWD}

error() { printf '::error title=uar-check::%s\n' "$*" >&2; }

# key=value to GITHUB_OUTPUT, with the multi-line syntax when a value holds a newline.
output() {
  local key=$1 value=$2
  if [[ -z ${GITHUB_OUTPUT:-} ]]; then
    printf 'output %s=%s\n' "$key" "$value" >&2
  elif [[ $value == *$'\n'* ]]; then
    local delimiter="uar_check_$RANDOM$RANDOM"
    printf '%s<<%s\n%s\n%s\n' "$key" "$delimiter" "$value" "$delimiter" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$key" "$value" >>"$GITHUB_OUTPUT"
  fi
}

verdict_of() {
  case $1 in
    0) echo pass ;;
    1) echo fail ;;
    *) echo error ;;
  esac
}

finish() {
  local code=$1
  output exit-code "$code"
  output verdict "$(verdict_of "$code")"
  if [[ ${UAR_DEFER_EXIT:-false} == true ]]; then exit 0; fi
  exit "$code"
}

# A problem with the inputs themselves: still a verdict (error) and an exit code (2).
input_error() {
  error "$*"
  if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    printf '## uar-check: the run failed\n\n%s\n' "$*" >>"$GITHUB_STEP_SUMMARY"
  fi
  finish 2
}

trimmed() {
  local value=$1
  value=${value#"${value%%[![:space:]]*}"}
  printf '%s' "${value%"${value##*[![:space:]]}"}"
}

bool_input() { # value default
  local value
  value=$(trimmed "${1:-$2}")
  case ${value,,} in
    true | false) printf '%s' "${value,,}" ;;
    *) return 1 ;;
  esac
}

# --- inputs -> arguments ------------------------------------------------------------------------------------
cli="$action_path/dist/cli/bin.js"
[[ -f $cli ]] || input_error "$cli not found: run \`npm ci\` in $action_path first (it builds the CLI)"
cd -- "$workspace" || input_error "GITHUB_WORKSPACE $workspace is not a directory"

fail_on=$(trimmed "${INPUT_FAIL_ON:-}")
fail_on=${fail_on:-high}
case $fail_on in
  critical | high | medium | low) ;;
  *) input_error "fail-on: expected critical, high, medium or low, got \"$fail_on\"" ;;
esac
fail_on_unknown=$(bool_input "${INPUT_FAIL_ON_UNKNOWN:-}" false) ||
  input_error "fail-on-unknown: expected true or false, got \"${INPUT_FAIL_ON_UNKNOWN:-}\""

out_dir=$(trimmed "${INPUT_OUTPUT_DIR:-}")
out_dir=${out_dir:-uar-evidence}
[[ $out_dir == /* ]] || out_dir="$workspace/$out_dir"

args=(run --out-dir "$out_dir" --fail-on "$fail_on")
if [[ $fail_on_unknown == true ]]; then args+=(--fail-on-unknown); fi

read -r -d '' -a policies <<<"${INPUT_POLICY:-}" || true
for policy in "${policies[@]}"; do
  if [[ $policy == builtin ]]; then policy="$action_path/policies"; fi
  args+=(--policy "$policy")
done

api_url=$(trimmed "${INPUT_API_URL:-}")
region=$(trimmed "${INPUT_REGION:-}")
if [[ -n $api_url ]]; then
  args+=(--api-url "$api_url")
elif [[ -n $region ]]; then
  case $region in
    us | eu) args+=(--region "$region") ;;
    *) input_error "region: expected us or eu, got \"$region\"" ;;
  esac
fi

while IFS= read -r line; do
  line=$(trimmed "$line")
  if [[ -n $line ]]; then args+=(--identity "$line"); fi
done <<<"${INPUT_IDENTITY:-}"

optional() { # flag value
  local value
  value=$(trimmed "$2")
  if [[ -n $value ]]; then args+=("$1" "$value"); fi
}
optional --identity-format "${INPUT_IDENTITY_FORMAT:-}"
optional --hr "${INPUT_HR:-}"
optional --reviews "${INPUT_REVIEWS:-}"
optional --config "${INPUT_CONFIG:-}"
optional --sarif-category "${INPUT_SARIF_CATEGORY:-}"

# --- run ------------------------------------------------------------------------------------------------------
# The arguments never hold the token (the CLI reads SEGMENT_PUBLIC_API_TOKEN), so they can be shown.
printf 'uar-check %s\n' "${args[*]}" >&2
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/uar-check-run.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
# Files older than this stamp were left by an earlier run: they are never reported, uploaded or summarised.
touch "$scratch/started"
set +e
node "$cli" "${args[@]}" 2>"$scratch/stderr"
code=$?
set -e
cat "$scratch/stderr" >&2
case $code in
  0 | 1 | 2) ;;
  *)
    error "uar-check exited with $code (crashed or was killed)"
    code=2
    ;;
esac

# --- outputs ----------------------------------------------------------------------------------------------------
# Counts and names from the files the run wrote (node, not jq: Node is already there). One key=value per line.
# shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
facts=$(
  UAR_OUT_DIR="$out_dir" UAR_STAMP="$scratch/started" UAR_ARTIFACT_NAME="$(trimmed "${INPUT_ARTIFACT_NAME:-}")" \
    node --input-type=module -e '
    import { existsSync, readFileSync, statSync } from "node:fs";
    import { join } from "node:path";
    const dir = process.env.UAR_OUT_DIR;
    const started = statSync(process.env.UAR_STAMP).mtimeMs;
    const out = {};
    // Only files this run wrote (atomically, so a new mtime); a failed run leaves none.
    const file = (name) => {
      const path = join(dir, name);
      return existsSync(path) && statSync(path).mtimeMs >= started ? path : undefined;
    };
    const written = ["evidence.json", "results.sarif", "summary.md", "access-list.csv", "snapshot.json", "manifest.json"].filter(file);
    if (written.length > 0) out["output-dir"] = dir;
    let slug = "";
    const evidence = file("evidence.json");
    if (evidence) {
      out.evidence = evidence;
      try {
        const e = JSON.parse(readFileSync(evidence, "utf8"));
        const controls = Array.isArray(e.controls) ? e.controls : [];
        const count = (status) => controls.filter((c) => c.status === status).length;
        slug = e.workspace?.slug || e.workspace?.id || "";
        out.workspace = slug;
        out["failing-controls"] = count("fail");
        out.findings = controls.reduce((n, c) => n + (Array.isArray(c.findings) ? c.findings.length : 0), 0);
        out["unknown-controls"] = count("unknown");
        out["error-controls"] = count("error");
        out.complete = e.complete === true;
      } catch (error) {
        process.stderr.write(`::warning title=uar-check::cannot read ${evidence}: ${error.message}\n`);
      }
    }
    const sarif = file("results.sarif");
    if (sarif) {
      out.sarif = sarif;
      try {
        const id = JSON.parse(readFileSync(sarif, "utf8")).runs?.[0]?.automationDetails?.id;
        if (typeof id === "string" && id.includes("/")) out["sarif-category"] = id.slice(0, id.lastIndexOf("/") + 1);
      } catch (error) {
        process.stderr.write(`::warning title=uar-check::cannot read ${sarif}: ${error.message}\n`);
      }
    }
    const summary = file("summary.md");
    if (summary) out.summary = summary;
    if (out["output-dir"]) {
      const name = process.env.UAR_ARTIFACT_NAME || (slug ? `uar-evidence-${slug}` : "uar-evidence");
      out["artifact-name"] = name.replace(/[\\/:*?"<>|\r\n]/g, "-");
    }
    for (const [key, value] of Object.entries(out)) process.stdout.write(`${key}=${String(value).replace(/\n/g, " ")}\n`);
  '
) || {
  error "could not read the run's output files in $out_dir"
  facts=""
}

summary_file=""
while IFS= read -r line; do
  if [[ -z $line ]]; then continue; fi
  key=${line%%=*}
  output "$key" "${line#*=}"
  if [[ $key == summary ]]; then summary_file=${line#*=}; fi
done <<<"$facts"

# --- job summary ----------------------------------------------------------------------------------------------------
# GitHub accepts up to 1 MiB per step summary: cut a longer summary at a line and say where the rest is.
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  if [[ -n $summary_file ]]; then
    # shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
    UAR_SUMMARY="$summary_file" node -e '
      const { readFileSync } = require("node:fs");
      const limit = 1000 * 1024;
      const text = readFileSync(process.env.UAR_SUMMARY, "utf8");
      if (Buffer.byteLength(text) <= limit) {
        process.stdout.write(text);
      } else {
        let cut = Buffer.from(text).subarray(0, limit - 512).toString("utf8");
        cut = cut.slice(0, cut.lastIndexOf("\n") + 1);
        process.stdout.write(`${cut}\n> The summary was cut to fit GitHub\u2019s 1 MiB step-summary limit: the full summary.md is in the evidence artifact.\n`);
      }
    ' >>"$GITHUB_STEP_SUMMARY"
  elif [[ $code == 2 ]]; then
    {
      printf '## uar-check: the run failed\n\nNo evidence was written (exit 2). The last lines of the log:\n\n```text\n'
      # shellcheck disable=SC2016 # literal backticks
      tail -n 20 "$scratch/stderr" | sed 's/```/` ` `/g'
      printf '```\n'
    } >>"$GITHUB_STEP_SUMMARY"
  fi
fi

finish "$code"
