/** Segment's regional Public API hosts. */
export type Region = 'us' | 'eu';

const HOSTS: Record<Region, string> = {
  us: 'https://api.segmentapis.com',
  eu: 'https://eu1.api.segmentapis.com',
};

export function regionBaseUrl(region: Region): string {
  return HOSTS[region];
}

/** The region of a base URL when it is one of Segment's hosts, else null (a look-alike, a proxy). */
export function regionOf(baseUrl: string): Region | null {
  const trimmed = baseUrl.replace(/\/+$/, '');
  if (trimmed === HOSTS.us) return 'us';
  if (trimmed === HOSTS.eu) return 'eu';
  return null;
}
