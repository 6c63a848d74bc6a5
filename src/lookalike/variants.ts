/**
 * Switches for behaviour Segment's spec allows (or that Segment's plans cause) but that the happy path never
 * shows, plus faults a hostile or broken server could produce. Each one exists so a test can prove the client
 * copes with it. All default off.
 */
export interface Variants {
  /** `GET /groups` omits each group's optional `permissions` (`GET /groups/{id}` still has them). */
  omitGroupPermissions?: boolean;
  /** `GET /users/{id}` omits the optional `permissions` for these user ids (true: for every user). */
  omitUserPermissions?: boolean | string[];
  /** List answers omit the optional `pagination.totalEntries`. */
  omitTotalEntries?: boolean;
  /** `previous: null` on a first page and `next: null` on a last page, instead of leaving them out. */
  nullCursors?: boolean;
  /**
   * `GET /users` carries each user's optional `permissions`. `differ` lists user ids whose listed permissions
   * disagree with `GET /users/{id}` (a server whose list is stale).
   */
  listPermissions?: boolean | { differ: string[] };
  /** `X-RateLimit-*` headers only on 2xx answers. */
  rateHeadersOnlyOn2xx?: boolean;
  /** A 429 carries the spec's envelope `{"errors":[{"type":"RateLimited","message":"Rate limit exceeded"}]}`. */
  specRateLimited?: boolean;
  /** `GET /audit-events` is refused with this status and text (e.g. a workspace without the add-on). */
  auditRefused?: { status: number; type?: string; message: string };
  /** Listed, but answer 404 on their own endpoints: removed between the list and the read. */
  vanish?: { users?: string[]; groups?: string[] };
  /** Display fields come back null: user and member `name`, label `description`, group `name`. */
  nullDisplayFields?: boolean;
  /** These resource endpoints (e.g. "GET /sources", "GET /spaces/{id}"; true: all four) answer 403. */
  refuseResourceNames?: boolean | string[];
  /** Faults: a list that ends early while `totalEntries` announces every item. */
  shortList?: { endpoint: string; serve: number };
  /** Faults: this list endpoint returns a new `next` cursor forever. */
  endlessCursor?: string;
  /** Faults: every request is accepted and never answered. */
  hang?: boolean;
  /** Faults: 429 on the first `times` requests (default all) with this announced wait. */
  throttle?: { msBeforeNext?: number; resetInMs?: number; times?: number };
}
