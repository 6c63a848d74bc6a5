/** The collector's defaults, apart from the client so the CLI can show them without loading it. */
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PAGE_SIZE = 200;
/** Segment keeps 90 days of audit trail. */
export const AUDIT_RETENTION_DAYS = 90;
