import { describe, expect, it } from 'vitest';
import { describeSource, githubActionsContext, isSegmentApi } from '../../src/provenance/index.js';

describe('describeSource', () => {
  const base = { region: null, collected_at: '2026-11-28T00:00:00Z', snapshotFile: null } as const;

  it("says Segment's Public API (and the region) only for Segment's hosts", () => {
    expect(isSegmentApi('https://api.segmentapis.com')).toBe(true);
    expect(isSegmentApi('https://eu1.api.segmentapis.com/')).toBe(true);
    expect(isSegmentApi('http://api.segmentapis.com')).toBe(false);
    expect(isSegmentApi('https://api.segmentapis.com.evil.example')).toBe(false);
    expect(isSegmentApi('http://127.0.0.1:4010')).toBe(false);
    const live = describeSource({
      ...base,
      obtained: 'live',
      region: 'eu',
      document: { kind: 'api', api_url: 'https://eu1.api.segmentapis.com' },
    });
    expect(live).toMatchObject({ api: 'segment', region: 'eu', snapshot_file: null });
    expect(live.description).toBe("read live from Segment's Public API at https://eu1.api.segmentapis.com (region eu)");
  });

  it('a local address is named as what it is, never as the live API', () => {
    const local = describeSource({
      ...base,
      obtained: 'live',
      document: { kind: 'api', api_url: 'http://127.0.0.1:4010' },
    });
    expect(local.api).toBe('other');
    expect(local.description).toBe(
      "read live from http://127.0.0.1:4010, which is not Segment's Public API (a local or test address such as the bundled look-alike, or a proxy)",
    );
  });

  it('a snapshot says which file, when it was collected and from where', () => {
    const fromFile = describeSource({
      ...base,
      obtained: 'snapshot',
      snapshotFile: 'snapshot.json',
      document: { kind: 'api', api_url: 'https://api.segmentapis.com' },
      region: 'us',
    });
    expect(fromFile.description).toBe(
      "read from the snapshot file snapshot.json, collected at 2026-11-28T00:00:00Z from Segment's Public API at https://api.segmentapis.com (region us)",
    );
    const built = describeSource({
      ...base,
      obtained: 'snapshot',
      snapshotFile: 's.json',
      document: { kind: 'file', api_url: null },
    });
    expect(built).toMatchObject({ api_url: null, api: null });
    expect(built.description).toContain('a document built from a file');
  });
});

describe('githubActionsContext', () => {
  it('is null outside GitHub Actions', () => {
    expect(githubActionsContext({ GITHUB_RUN_ID: '1' })).toBeNull();
  });

  it('reads the run from the runner variables and builds the run URL', () => {
    const ci = githubActionsContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.example.com/',
      GITHUB_REPOSITORY: 'acme/uar',
      GITHUB_RUN_ID: '7',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW_REF: 'acme/uar/.github/workflows/uar.yml@refs/heads/main',
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_ACTOR: 'octocat',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
    });
    expect(ci).toEqual({
      provider: 'github-actions',
      server_url: 'https://github.example.com',
      repository: 'acme/uar',
      run_id: '7',
      run_attempt: '1',
      run_url: 'https://github.example.com/acme/uar/actions/runs/7/attempts/1',
      workflow_ref: 'acme/uar/.github/workflows/uar.yml@refs/heads/main',
      ref: '',
      sha: 'b'.repeat(40),
      actor: 'octocat',
      event: 'workflow_dispatch',
    });
  });
});
