/** How the data was obtained, in fields and in one sentence: never "the live API" for an address that is not Segment's. */
import type { SourceProvenance } from '../model/provenance.js';

/** True for https://api.segmentapis.com and Segment's regional hosts (https://<region>.api.segmentapis.com). */
export function isSegmentApi(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' && (u.hostname === 'api.segmentapis.com' || u.hostname.endsWith('.api.segmentapis.com'))
    );
  } catch {
    return false;
  }
}

export interface SourceFacts {
  obtained: 'live' | 'snapshot';
  /** The document's source: its kind and the API it was read from. */
  document: { kind: 'api' | 'file'; api_url: string | null };
  region: 'us' | 'eu' | null;
  collected_at: string;
  snapshotFile: string | null;
}

export function describeSource(facts: SourceFacts): SourceProvenance {
  const api_url = facts.document.kind === 'api' ? facts.document.api_url : null;
  const api = api_url === null ? null : isSegmentApi(api_url) ? 'segment' : 'other';
  const where =
    api === 'segment'
      ? `Segment's Public API at ${api_url}${facts.region ? ` (region ${facts.region})` : ''}`
      : api === 'other'
        ? `${api_url}, which is not Segment's Public API (a local or test address such as the bundled look-alike, or a proxy)`
        : 'a document built from a file, not read from an API';
  const description =
    facts.obtained === 'live'
      ? `read live from ${where}`
      : `read from the snapshot file ${facts.snapshotFile ?? '(unnamed)'}, collected at ${facts.collected_at} from ${where}`;
  return {
    obtained: facts.obtained,
    api_url,
    api,
    region: facts.region,
    collected_at: facts.collected_at,
    snapshot_file: facts.snapshotFile,
    description,
  };
}
