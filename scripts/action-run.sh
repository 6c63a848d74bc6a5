#!/usr/bin/env bash
# The run step of the uar-check GitHub Action (action.yml): runs `uar-check run` with the action's inputs, appends
# summary.md to $GITHUB_STEP_SUMMARY, writes the step outputs to $GITHUB_OUTPUT and exits per --fail-on.
# It runs the same way on a laptop: point GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE at a folder.
#
# Environment (every input is optional unless noted; relative paths are relative to GITHUB_WORKSPACE):
#   SEGMENT_PUBLIC_API_TOKEN  the Segment Public API token (required; read by the CLI, never printed or passed as an argument)
#   INPUT_POLICY              directories with your own controls, separated by spaces or newlines (run with the
#                             bundled controls); the word `builtin` means the bundled policies
#   INPUT_BUILTIN             true | false (default true): false leaves the bundled controls out (--no-builtin)
#   INPUT_REGION              us | eu (default us)            INPUT_API_URL   API base URL (overrides the region)
#   INPUT_IDENTITY            identity exports, one per line  INPUT_IDENTITY_FORMAT  force their format
#   INPUT_HR                  HR roster                        INPUT_REVIEWS   review decisions
#   INPUT_CONFIG              config file (params, exceptions, disabled controls, input files)
#   INPUT_FAIL_ON             critical | high | medium | low (default high)
#   INPUT_FAIL_ON_UNKNOWN     true | false (default false)
#   INPUT_OUTPUT_DIR          where the files go (default uar-evidence): a new folder, or one holding only files
#                             uar-check writes, inside GITHUB_WORKSPACE (not the workspace itself) or RUNNER_TEMP
#   INPUT_SARIF_CATEGORY      SARIF category (default: the CLI's uar-check/<workspace slug>/)
#   INPUT_ARTIFACT_NAME       artifact name to report (default uar-evidence-<workspace slug>); a re-run's attempt N
#                             gets `-attempt-N` appended, so no attempt's evidence replaces another's
#   INPUT_AUDIT_DAYS          also read the audit trail of the last N days (empty = not read)
#   INPUT_RETENTION_DAYS      artifact retention in days, 1-400 (checked here; the upload step applies it)
#   INPUT_BASELINE            true | false (default true): the previous run's snapshot of this workspace (the
#                             artifact named INPUT_ARTIFACT_NAME) as --baseline; none found is a notice, not a failure
#   UAR_GITHUB_TOKEN          the job's GitHub token, for the baseline lookup only (scripts/action-baseline.mjs)
#   UAR_ACTION_PATH           the uar-check checkout with `npm ci` done (default: this script's repository)
#   UAR_DEFER_EXIT            true: always exit 0 and leave the failing to the caller (the action's last step),
#                             so SARIF and evidence are uploaded first; the code is in the exit-code output
#
# Outputs (GITHUB_OUTPUT; printed when it is not set): every key in OUTPUT_KEYS on every path, empty when it does
# not apply: exit-code, verdict (pass|fail|error), fail-on, output-dir, evidence, sarif, summary, workspace,
# failing-controls, findings, unknown-controls, error-controls, complete, sarif-category, artifact-name,
# artifact-files (the files this run wrote, one per line: what the action uploads) and baseline-run (the id of the
# run whose snapshot was the baseline). A failed run (exit 2) reports
# no files, so nothing is uploaded.
#
# Nothing from outside can be a workflow command: the CLI runs between `::stop-commands::<random>` and
# `::<random>::`, every other line that holds outside text (an input, the workspace slug) goes through the CLI's
# sanitiser (scripts/action-text.mjs), and writing every output key means a `::set-output` line cannot add one.
#
# Exit: 0 nothing failing at or above fail-on; 1 findings at or above it; 2 the run failed (bad input, token, API).
set -euo pipefail

# One stream: the runner reads stdout and stderr through two pipes and may interleave their lines out of order,
# while the stop-commands fence below only holds for lines in the order they were written.
exec 2>&1

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
action_path=${UAR_ACTION_PATH:-$(dirname -- "$script_dir")}
if ! action_path=$(cd -- "$action_path" 2>/dev/null && pwd); then
  printf '::error title=uar-check::UAR_ACTION_PATH is not a directory\n'
  exit 2
fi
workspace=${GITHUB_WORKSPACE:-$PWD}

# The files `uar-check run` writes into the output folder: the only ones an existing folder may hold, and the only
# ones uploaded.
OUTPUT_FILES=(evidence.json results.sarif summary.md access-list.csv snapshot.json report.html manifest.json)
OUTPUT_KEYS=(exit-code verdict fail-on output-dir evidence sarif summary workspace failing-controls findings
  unknown-controls error-controls complete sarif-category artifact-name artifact-files baseline-run)
declare -A outputs=()

# Helper processes get no Segment token (only the CLI needs it) and no GitHub token (only the baseline lookup).
helper() { env -u SEGMENT_PUBLIC_API_TOKEN -u UAR_GITHUB_TOKEN UAR_ACTION_PATH="$action_path" node "$@"; }
# Outside text as one printable line / as a Markdown code span (the CLI's sanitiser, src/shared/printable.ts).
line() { helper "$script_dir/action-text.mjs" line "$1"; }
code_span() { helper "$script_dir/action-text.mjs" code "$1"; }
# A workflow command's data: `%`, CR and LF escaped as the runner expects (it unescapes them).
escape_data() {
  local value=${1//%/%25}
  value=${value//$'\r'/%0D}
  printf '%s' "${value//$'\n'/%0A}"
}
# $* must be printable already (built from our own words and line/code_span results).
error() { printf '::error title=uar-check::%s\n' "$(escape_data "$*")"; }

# key=value to GITHUB_OUTPUT, with the multi-line syntax when a value holds a newline.
write_output() {
  local key=$1 value=$2
  if [[ -z ${GITHUB_OUTPUT:-} ]]; then
    printf 'output %s=%s\n' "$key" "$(line "$value")"
  elif [[ $value == *$'\n'* ]]; then
    local delimiter
    delimiter="uar_check_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
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

written=false
write_outputs() {
  local key
  written=true
  for key in "${OUTPUT_KEYS[@]}"; do write_output "$key" "${outputs[$key]:-}"; done
}

finish() {
  local code=$1
  outputs[exit-code]=$code
  outputs[verdict]=$(verdict_of "$code")
  write_outputs
  if [[ ${UAR_DEFER_EXIT:-false} == true ]]; then exit 0; fi
  exit "$code"
}

# Whatever stops the script: the runner's command processing is resumed, the scratch folder removed, and when the
# script stopped before finish (a bug, a killed process), every output is still written, as a failed run.
fence=""
scratch=""
on_exit() {
  local status=$?
  if [[ -n $fence ]]; then printf '::%s::\n' "$fence"; fi
  if [[ -n $scratch ]]; then rm -rf -- "$scratch"; fi
  if [[ $written != true ]]; then
    outputs=([exit-code]=2 [verdict]=error [fail-on]="${outputs[fail-on]:-}")
    write_outputs || true
    printf '::error title=uar-check::the run step stopped unexpectedly (status %s)\n' "$status"
    exit 2
  fi
}
trap on_exit EXIT

# A problem with the inputs themselves: still a verdict (error) and an exit code (2).
# input_error MESSAGE [VALUE]: the value is shown sanitised, in the log and as a code span in the job summary.
input_error() {
  local message=$1
  if [[ $# -gt 1 ]]; then
    error "$message, got \"$(line "$2")\""
    message="$message, got $(code_span "$2")"
  else
    error "$message"
  fi
  if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    printf '## uar-check: the run failed\n\n%s\n' "$message" >>"$GITHUB_STEP_SUMMARY"
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
if [[ ! -f $cli || ! -f $action_path/dist/shared/printable.js ]]; then
  error "the CLI is not built in UAR_ACTION_PATH: run \`npm ci\` there first (it builds the CLI)"
  finish 2
fi
cd -- "$workspace" 2>/dev/null || input_error "GITHUB_WORKSPACE is not a directory" "$workspace"

fail_on=$(trimmed "${INPUT_FAIL_ON:-}")
fail_on=${fail_on:-high}
case $fail_on in
  critical | high | medium | low) outputs[fail-on]=$fail_on ;;
  *) input_error "fail-on: expected critical, high, medium or low" "$fail_on" ;;
esac
fail_on_unknown=$(bool_input "${INPUT_FAIL_ON_UNKNOWN:-}" false) ||
  input_error "fail-on-unknown: expected true or false" "${INPUT_FAIL_ON_UNKNOWN:-}"

# The output folder: inside the workspace (not the workspace itself: the artifact would be the whole checkout) or
# RUNNER_TEMP, after following `..` and symbolic links, and new or holding only files uar-check writes.
# shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
out_dir=$(
  UAR_OUT_DIR="$(trimmed "${INPUT_OUTPUT_DIR:-}")" UAR_WORKSPACE="$workspace" UAR_FILES="${OUTPUT_FILES[*]}" \
    helper -e '
    const { existsSync, readdirSync, realpathSync, statSync } = require("node:fs");
    const { basename, dirname, isAbsolute, join, relative, resolve } = require("node:path");
    const input = process.env.UAR_OUT_DIR || "uar-evidence";
    const fail = (why) => { process.stdout.write(why); process.exit(1); };
    if (/[\p{Cc}]/u.test(input)) fail("one line without control characters");
    // The real path: the longest existing ancestor with its links resolved, then the rest as written.
    const real = (path) => {
      let head = resolve(path), rest = "";
      while (!existsSync(head) && dirname(head) !== head) { rest = join(basename(head), rest); head = dirname(head); }
      return join(realpathSync(head), rest);
    };
    const dir = real(resolve(process.env.UAR_WORKSPACE, input));
    const roots = [process.env.UAR_WORKSPACE, process.env.RUNNER_TEMP].filter(Boolean).map(real);
    const inside = (root) => { const r = relative(root, dir); return r !== "" && !r.startsWith("..") && !isAbsolute(r); };
    if (!roots.some(inside))
      fail("expected a folder inside the workspace (not the workspace itself) or inside RUNNER_TEMP");
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) fail("expected a folder, this is a file");
      const ours = new Set(process.env.UAR_FILES.split(" "));
      const others = readdirSync(dir).filter((name) => !ours.has(name)).sort();
      if (others.length > 0)
        fail(`the folder holds files uar-check does not write (${others.slice(0, 3).join(", ")}): name a new folder`);
    }
    process.stdout.write(dir);
  '
) || input_error "output-dir: $(line "$out_dir")" "${INPUT_OUTPUT_DIR:-}"

args=(run --out-dir "$out_dir" --fail-on "$fail_on")
if [[ $fail_on_unknown == true ]]; then args+=(--fail-on-unknown); fi

read -r -d '' -a policies <<<"${INPUT_POLICY:-}" || true
for policy in "${policies[@]}"; do
  if [[ $policy == builtin ]]; then policy="$action_path/policies"; fi
  args+=(--policy "$policy")
done
if [[ $(trimmed "${INPUT_BUILTIN:-true}") == false ]]; then args+=(--no-builtin); fi

api_url=$(trimmed "${INPUT_API_URL:-}")
region=$(trimmed "${INPUT_REGION:-}")
if [[ -n $api_url ]]; then
  args+=(--api-url "$api_url")
elif [[ -n $region ]]; then
  case $region in
    us | eu) args+=(--region "$region") ;;
    *) input_error "region: expected us or eu" "$region" ;;
  esac
fi

while IFS= read -r entry; do
  entry=$(trimmed "$entry")
  if [[ -n $entry ]]; then args+=(--identity "$entry"); fi
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

audit_days=$(trimmed "${INPUT_AUDIT_DAYS:-}")
if [[ -n $audit_days ]]; then
  [[ $audit_days =~ ^[1-9][0-9]{0,3}$ ]] || input_error "audit-days: expected a whole number of days (1 or more)" "$audit_days"
  args+=(--audit-days "$audit_days")
fi
retention_days=$(trimmed "${INPUT_RETENTION_DAYS:-}")
if [[ -n $retention_days ]] && ! [[ $retention_days =~ ^[1-9][0-9]{0,2}$ && $retention_days -le 400 ]]; then
  input_error "retention-days: expected 1 to 400 days (GitHub caps it at the repository's setting)" "$retention_days"
fi
use_baseline=$(bool_input "${INPUT_BASELINE:-}" true) || input_error "baseline: expected true or false" "${INPUT_BASELINE:-}"
# The artifact name as upload-artifact gets it (characters it refuses become "-"); a re-run's attempt is suffixed.
artifact_base=$(trimmed "${INPUT_ARTIFACT_NAME:-}")
artifact_base=$(printf '%s' "$artifact_base" | tr '\\/:*?"<>|' '-')

# --- run ------------------------------------------------------------------------------------------------------
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/uar-check-run.XXXXXX")
# Files older than this stamp were left by an earlier run: they are never reported, uploaded or summarised.
touch "$scratch/started"

# The previous snapshot of this workspace, from the last run that uploaded its artifact: "changes since the last
# review" in the summary. Not finding one is a notice; the review runs without it.
if [[ $use_baseline == true ]]; then
  found=$(
    env -u SEGMENT_PUBLIC_API_TOKEN UAR_ARTIFACT_BASE="$artifact_base" UAR_BASELINE_DIR="$scratch/baseline" \
      node "$script_dir/action-baseline.mjs" 2>/dev/null
  ) || found="none the baseline lookup failed"
  read -r status baseline_file baseline_run baseline_artifact <<<"$found" || true
  if [[ $status == found && -f $baseline_file && $baseline_run =~ ^[0-9]+$ ]]; then
    args+=(--baseline "$baseline_file")
    outputs[baseline-run]=$baseline_run
    printf 'uar-check: baseline: %s of run %s\n' "$(line "$baseline_artifact")" "$baseline_run"
  else
    printf '::notice title=uar-check::%s\n' "$(escape_data "$(line "no baseline, so no changes since the last review: ${found#none }")")"
  fi
fi

# Everything the CLI prints (names and messages from Segment and the input files) is shown, never obeyed.
fence="uar$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '::stop-commands::%s\n' "$fence"
# The arguments never hold the token (the CLI reads SEGMENT_PUBLIC_API_TOKEN), so they can be shown.
printf 'uar-check %s\n' "$(line "${args[*]}")"
set +e
env -u UAR_GITHUB_TOKEN node "$cli" "${args[@]}" 2>"$scratch/stderr"
code=$?
set -e
cat -- "$scratch/stderr" || true
printf '::%s::\n' "$fence"
fence=""

case $code in
  0 | 1 | 2) ;;
  *)
    error "uar-check exited with $code (crashed or was killed)"
    code=2
    ;;
esac

# --- outputs ----------------------------------------------------------------------------------------------------
# Counts and names from the files this run wrote (node, not jq: Node is already there), as printable single lines.
# A failed run reports none: nothing is uploaded and existing code-scanning alerts stay open.
if [[ $code != 2 ]]; then
  # shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
  facts=$(
    UAR_OUT_DIR="$out_dir" UAR_STAMP="$scratch/started" UAR_ARTIFACT_NAME="$artifact_base" \
      UAR_RUN_ATTEMPT="${GITHUB_RUN_ATTEMPT:-1}" \
      UAR_FILES="${OUTPUT_FILES[*]}" helper --input-type=module -e '
      import { existsSync, readFileSync, statSync } from "node:fs";
      import { join } from "node:path";
      import { pathToFileURL } from "node:url";
      const { printable } = await import(pathToFileURL(join(process.env.UAR_ACTION_PATH, "dist", "shared", "printable.js")).href);
      const dir = process.env.UAR_OUT_DIR;
      const started = statSync(process.env.UAR_STAMP).mtimeMs;
      const out = {};
      // Only files this run wrote (atomically, so a new mtime).
      const file = (name) => {
        const path = join(dir, name);
        return existsSync(path) && statSync(path).mtimeMs >= started ? path : undefined;
      };
      const written = process.env.UAR_FILES.split(" ").map(file).filter(Boolean);
      if (written.length > 0) out["output-dir"] = dir;
      let slug = "";
      const evidence = file("evidence.json");
      if (evidence) {
        out.evidence = evidence;
        try {
          const e = JSON.parse(readFileSync(evidence, "utf8"));
          const controls = Array.isArray(e.controls) ? e.controls : [];
          const count = (status) => controls.filter((c) => c.status === status).length;
          // Segment slugs are lower-case letters, digits, "-" and "_"; anything else is not used in a name.
          const raw = String(e.workspace?.slug ?? "");
          slug = /^[a-z0-9][a-z0-9_-]{0,99}$/.test(raw) ? raw : "";
          out.workspace = slug;
          out["failing-controls"] = count("fail");
          out.findings = controls.reduce((n, c) => n + (Array.isArray(c.findings) ? c.findings.length : 0), 0);
          out["unknown-controls"] = count("unknown");
          out["error-controls"] = count("error");
          out.complete = e.complete === true;
        } catch (error) {
          process.stderr.write(`cannot read ${evidence}: ${error.message}\n`);
        }
      }
      const sarif = file("results.sarif");
      if (sarif) {
        out.sarif = sarif;
        try {
          const id = JSON.parse(readFileSync(sarif, "utf8")).runs?.[0]?.automationDetails?.id;
          if (typeof id === "string" && id.includes("/")) out["sarif-category"] = id.slice(0, id.lastIndexOf("/") + 1);
        } catch (error) {
          process.stderr.write(`cannot read ${sarif}: ${error.message}\n`);
        }
      }
      const summary = file("summary.md");
      if (summary) out.summary = summary;
      if (written.length > 0) {
        const name = process.env.UAR_ARTIFACT_NAME || (slug ? `uar-evidence-${slug}` : "uar-evidence");
        // A re-run keeps the evidence of the first attempt: attempt N uploads under its own name.
        const attempt = /^[0-9]+$/.test(process.env.UAR_RUN_ATTEMPT) ? Number(process.env.UAR_RUN_ATTEMPT) : 1;
        out["artifact-name"] = `${name.replace(/[\\/:*?"<>|]/g, "-")}${attempt > 1 ? `-attempt-${attempt}` : ""}`;
      }
      // Paths come from the checked output-dir (no control characters) and our own file names; the other values
      // hold text from the files, so they are made printable lines.
      const paths = new Set(["output-dir", "evidence", "sarif", "summary"]);
      for (const [key, value] of Object.entries(out))
        process.stdout.write(`${key}=${paths.has(key) ? value : printable(String(value))}\n`);
      // One line per file (what upload-artifact uploads); the paths are this folder and our own file names.
      for (const path of written) process.stdout.write(`artifact-files+=${path}\n`);
    ' 2>"$scratch/facts-stderr"
  ) || {
    error "could not read the run's output files"
    facts=""
  }
  if [[ -s $scratch/facts-stderr ]]; then
    printf '::warning title=uar-check::%s\n' "$(escape_data "$(line "$(cat -- "$scratch/facts-stderr")")")"
  fi

  while IFS= read -r fact; do
    if [[ -z $fact ]]; then continue; fi
    key=${fact%%=*}
    if [[ $key == *+ ]]; then
      key=${key%+}
      outputs[$key]="${outputs[$key]:+${outputs[$key]}$'\n'}${fact#*=}"
    else
      outputs[$key]=${fact#*=}
    fi
  done <<<"$facts"
fi

# --- job summary ----------------------------------------------------------------------------------------------------
# GitHub accepts up to 1 MiB per step summary: cut a longer summary at a line and say where the rest is.
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  if [[ -n ${outputs[summary]:-} ]]; then
    # shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
    UAR_SUMMARY="${outputs[summary]}" helper -e '
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
      printf '## uar-check: the run failed\n\nExit 2: nothing was uploaded, and the code-scanning alerts stay as they were. '
      printf 'The last lines of the log:\n\n```text\n'
      # shellcheck disable=SC2016 # literal backticks
      tail -n 20 "$scratch/stderr" | sed 's/```/` ` `/g'
      printf '```\n'
    } >>"$GITHUB_STEP_SUMMARY"
  fi
fi

finish "$code"
