/** What `onProgress` receives: counters of the collection so far and the latest event. The CLI draws it. */
export interface Progress {
  phase: 'workspace' | 'lists' | 'details' | 'done';
  usersListed: number;
  usersRead: number;
  groupsListed: number;
  groupsRead: number;
  requests: number;
  retries: number;
  throttled: number;
  /** Total time requests spent waiting for the rate limit or backoff (ms, summed over concurrent waits). */
  waitedMs: number;
  /** Users or groups that were listed and then gone (404) when read. */
  removed: number;
  /** Set when the latest event is a wait; `askedMs` when the server asked for longer than the cap allows. */
  waiting?: {
    ms: number;
    reason: 'rate-limit' | 'pacing' | 'backoff' | 'throttled';
    endpoint?: string;
    askedMs?: number;
  };
  /** Set when the latest event is a subject removed during the collection. */
  removedSubject?: { type: 'user' | 'group'; id: string; email: string | null; endpoint: string };
}

export function emptyProgress(): Progress {
  return {
    phase: 'workspace',
    usersListed: 0,
    usersRead: 0,
    groupsListed: 0,
    groupsRead: 0,
    requests: 0,
    retries: 0,
    throttled: 0,
    waitedMs: 0,
    removed: 0,
  };
}
