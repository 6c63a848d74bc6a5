/** The GitHub Actions run a review ran in, from the runner's default environment variables (null elsewhere). */
import type { CiProvenance } from '../model/provenance.js';

export function githubActionsContext(env: Record<string, string | undefined>): CiProvenance | null {
  if (env.GITHUB_ACTIONS !== 'true') return null;
  const v = (name: string) => env[name] ?? '';
  const server_url = v('GITHUB_SERVER_URL').replace(/\/+$/, '');
  const repository = v('GITHUB_REPOSITORY');
  const run_id = v('GITHUB_RUN_ID');
  const run_attempt = v('GITHUB_RUN_ATTEMPT');
  const run_url =
    server_url && repository && run_id
      ? `${server_url}/${repository}/actions/runs/${run_id}${run_attempt ? `/attempts/${run_attempt}` : ''}`
      : '';
  return {
    provider: 'github-actions',
    server_url,
    repository,
    run_id,
    run_attempt,
    run_url,
    workflow_ref: v('GITHUB_WORKFLOW_REF'),
    ref: v('GITHUB_REF'),
    sha: v('GITHUB_SHA'),
    actor: v('GITHUB_ACTOR'),
    event: v('GITHUB_EVENT_NAME'),
  };
}
