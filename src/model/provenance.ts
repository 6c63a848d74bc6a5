/**
 * Where a review's data came from and what produced it: the API address and region (never the token), how the
 * snapshot was obtained, the tool's version and commit, and the CI run. Part of the ReviewResult; evidence.json
 * carries it as `provenance`.
 */

export interface SourceProvenance {
  /** live: read from an API this run; snapshot: read from a file given with --snapshot. */
  obtained: 'live' | 'snapshot';
  /** The API base URL the data was read from (this run, or when the snapshot was fetched); null for a document built from a file. */
  api_url: string | null;
  /** segment: one of Segment's Public API hosts; other: any other address (a look-alike, a proxy); null: no API. */
  api: 'segment' | 'other' | null;
  region: 'us' | 'eu' | null;
  /** When the data was read from the API (the document's collected_at). */
  collected_at: string;
  /** The --snapshot file's name (not its path), or null for a live run. */
  snapshot_file: string | null;
  /** One sentence for people, e.g. "read live from Segment's Public API at https://api.segmentapis.com (region us)". */
  description: string;
}

/** A GitHub Actions run, from the runner's GITHUB_* variables. */
export interface CiProvenance {
  provider: 'github-actions';
  server_url: string;
  repository: string;
  run_id: string;
  run_attempt: string;
  /** server_url/repository/actions/runs/run_id/attempts/run_attempt */
  run_url: string;
  workflow_ref: string;
  ref: string;
  sha: string;
  actor: string;
  event: string;
}

export interface Provenance {
  source: SourceProvenance;
  tool: { name: 'uar-check'; version: string; commit: string | null };
  ci: CiProvenance | null;
}
