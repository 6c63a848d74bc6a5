/** What `onProgress` receives: a snapshot of the collection so far. */
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
  /** Set when the latest event is a wait. */
  waiting?: { ms: number; reason: 'rate-limit' | 'pacing' | 'backoff' | 'throttled'; endpoint?: string };
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
  };
}
