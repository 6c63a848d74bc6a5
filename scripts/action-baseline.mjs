#!/usr/bin/env node
/**
 * Finds the previous snapshot of the same workspace for scripts/action-run.sh: the newest earlier run of this
 * workflow, on the same branch, that holds this workspace's evidence artifact (an artifact is uploaded only by a
 * run that collected the workspace, whatever its findings), through the GitHub REST API with the job's token.
 * Downloads the artifact and extracts snapshot.json (or, from older artifacts, evidence.json) into UAR_BASELINE_DIR.
 *
 * Environment: UAR_GITHUB_TOKEN (the job's token; needs `actions: read`), GITHUB_API_URL, GITHUB_REPOSITORY,
 * GITHUB_RUN_ID, UAR_ARTIFACT_BASE (the artifact name of attempt 1; a re-run's attempt N is `<name>-attempt-N`),
 * UAR_BASELINE_DIR.
 * Prints one line: `found <file> <run id> <artifact name>`, or `none <why>`. Always exits 0: no baseline is a note,
 * never a failure. The token is sent only to GITHUB_API_URL, never to the download a redirect points to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const RUNS_LOOKED_AT = 30;
const TIMEOUT_MS = 30_000;

const env = process.env;
const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
const repo = env.GITHUB_REPOSITORY ?? '';
const runId = env.GITHUB_RUN_ID ?? '';
const base = env.UAR_ARTIFACT_BASE ?? '';
const dir = env.UAR_BASELINE_DIR ?? '';
const token = env.UAR_GITHUB_TOKEN ?? '';

const done = (line) => {
  process.stdout.write(`${line}\n`);
  process.exit(0);
};

class ApiError extends Error {}

async function get(path) {
  const response = await fetch(`${api}${path}`, {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new ApiError(`GET ${path.split('?')[0]} answered ${response.status}`);
  return response.json();
}

/** The artifact's zip: the API answers with a redirect to short-lived storage, fetched without the token. */
async function download(artifactId) {
  const path = `/repos/${repo}/actions/artifacts/${artifactId}/zip`;
  const first = await fetch(`${api}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' },
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  let response = first;
  if (first.status >= 300 && first.status < 400) {
    const location = first.headers.get('location');
    if (!location) throw new ApiError(`GET ${path} redirected nowhere`);
    response = await fetch(new URL(location, `${api}/`), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  }
  if (!response.ok) throw new ApiError(`GET ${path} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ours = new RegExp(`^${escaped}(-attempt-\\d+)?$`);

try {
  if (!token || !repo || !runId) done('none this is not a GitHub Actions job with a token (github-token)');
  if (!base) done('none no artifact name to look for: set the artifact-name input');
  if (!dir) done('none no baseline folder given');
  const current = await get(`/repos/${repo}/actions/runs/${runId}`);
  const branch = encodeURIComponent(current.head_branch ?? '');
  const { workflow_runs: runs = [] } = await get(
    `/repos/${repo}/actions/workflows/${current.workflow_id}/runs?branch=${branch}&status=completed&per_page=${RUNS_LOOKED_AT}`,
  );
  const earlier = runs
    .filter((r) => String(r.id) !== String(runId))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  for (const run of earlier) {
    const { artifacts = [] } = await get(`/repos/${repo}/actions/runs/${run.id}/artifacts?per_page=100`);
    const artifact = artifacts
      .filter((a) => ours.test(a.name) && !a.expired)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
    if (!artifact) continue;
    await mkdir(dir, { recursive: true });
    const zip = join(dir, 'artifact.zip');
    await writeFile(zip, await download(artifact.id));
    // unzip exits 11 when one of the names is absent: what was extracted is checked below.
    spawnSync('unzip', ['-o', '-q', zip, 'snapshot.json', 'evidence.json', '-d', dir], { stdio: 'ignore' });
    for (const name of ['snapshot.json', 'evidence.json'])
      if (existsSync(join(dir, name))) done(`found ${join(dir, name)} ${run.id} ${artifact.name}`);
    done(`none the artifact ${artifact.name} of run ${run.id} holds neither snapshot.json nor evidence.json`);
  }
  done(
    `none no earlier run of this workflow on this branch has an unexpired artifact ${base} (looked at ${earlier.length} runs)`,
  );
} catch (error) {
  const why = error instanceof ApiError ? error.message : `cannot reach the GitHub API (${error?.name ?? 'error'})`;
  done(`none ${why}`);
}
