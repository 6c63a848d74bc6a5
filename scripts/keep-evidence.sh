#!/usr/bin/env bash
# Keeps each run's evidence past artifact retention (artifacts live 90 days unless the repository allows more, at
# most 400 in private repositories; audits look back twelve months): commits the outputs of every downloaded
# evidence artifact to a branch, `evidence` by default, under <workspace slug>/<run id>/<artifact name>/, after
# checking each folder against its manifest.json (`uar-check verify`), with each manifest's SHA-256 in the commit
# message. The shipped workflow runs it only when the repository variable UAR_KEEP_EVIDENCE is `true`.
#
#   bash scripts/keep-evidence.sh DIR     DIR holds one folder per artifact (evidence.json, manifest.json, …)
#
# Environment: UAR_EVIDENCE_BRANCH (default evidence); UAR_EVIDENCE_REMOTE (default this GitHub repository over
# HTTPS); GITHUB_TOKEN (to push to GitHub: sent as an HTTP header, never put in a URL); GITHUB_RUN_ID,
# GITHUB_STEP_SUMMARY. Later, `uar-check verify <slug>/<run id>/<artifact>` on a checkout of the branch shows the
# files are still the ones the run wrote.
# Exit: 0 kept (or nothing to keep); 1 a folder does not match its manifest (nothing is kept); 2 a git failure.
set -euo pipefail

root=${1:?usage: keep-evidence.sh DIR}
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
cli="$script_dir/../dist/cli/bin.js"
branch=${UAR_EVIDENCE_BRANCH:-evidence}
remote=${UAR_EVIDENCE_REMOTE:-${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}.git}
run=${GITHUB_RUN_ID:-local}
OUTPUT_FILES=(evidence.json results.sarif summary.md access-list.csv snapshot.json report.html manifest.json)
root=$(cd -- "$root" && pwd)

# A folder (artifact) name as plain characters: it goes into a path and into log lines.
safe_name() { basename -- "$1" | tr -d '\n' | tr -c 'A-Za-z0-9._-' '-'; }

shopt -s nullglob
dirs=()
for dir in "$root"/*/; do
  if [[ -f $dir/manifest.json ]]; then dirs+=("${dir%/}"); fi
done
if ((${#dirs[@]} == 0)); then
  echo "::warning title=uar-check::no evidence folder with a manifest.json: nothing to keep"
  exit 0
fi

# Every folder must match its manifest before anything is written.
for dir in "${dirs[@]}"; do
  if ! node "$cli" verify "$dir"; then
    echo "::error title=uar-check::$(safe_name "$dir") does not match its manifest.json: nothing was kept"
    exit 1
  fi
done

auth=()
if [[ -n ${GITHUB_TOKEN:-} && $remote == https://* ]]; then
  auth=(-c "http.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 -w0)")
fi
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
git init -q "$work"
cd "$work"
git remote add origin "$remote"
if git "${auth[@]}" fetch -q --depth 1 origin "refs/heads/$branch" 2>/dev/null; then
  git checkout -q -B "$branch" FETCH_HEAD
else
  git symbolic-ref HEAD "refs/heads/$branch" # the first evidence: a branch of its own, no history of the code
fi

message="uar-check evidence of run $run"$'\n'
kept=()
for dir in "${dirs[@]}"; do
  # shellcheck disable=SC2016 # JavaScript in single quotes, on purpose
  slug=$(node -e '
    const e = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const s = String(e.workspace?.slug ?? "");
    process.stdout.write(/^[a-z0-9][a-z0-9_-]{0,99}$/.test(s) ? s : "unknown-workspace");
  ' "$dir/evidence.json")
  artifact=$(safe_name "$dir")
  target="$slug/$run/$artifact"
  mkdir -p -- "$target"
  for name in "${OUTPUT_FILES[@]}"; do
    if [[ -f $dir/$name ]]; then cp -- "$dir/$name" "$target/$name"; fi
  done
  sha=$(sha256sum -- "$target/manifest.json" | cut -d' ' -f1)
  message+=$'\n'"$target: manifest.json sha256 $sha"
  kept+=("$target")
done

git add -A
if git diff --cached --quiet; then
  echo "uar-check: the evidence of run $run is already on $branch"
  exit 0
fi
git -c user.name='github-actions[bot]' -c user.email='41898282+github-actions[bot]@users.noreply.github.com' \
  commit -q -m "$message"
git "${auth[@]}" push -q origin "HEAD:refs/heads/$branch" || {
  echo "::error title=uar-check::could not push to the $branch branch (does the job have contents: write?)"
  exit 2
}
echo "uar-check: kept ${kept[*]} on $branch"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  printf '\nEvidence kept on the `%s` branch: %s\n' "$branch" "${kept[*]}" >>"$GITHUB_STEP_SUMMARY"
fi
