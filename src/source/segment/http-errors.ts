/** Turn a final non-2xx answer into a SourceError whose message says what to do. Never includes the token. */
import { SourceError } from '../../errors.js';
import { redact } from './redact.js';
import { ErrorEnvelope } from './schema.js';

/**
 * The plan of this workspace lacks the feature (User Groups, Audit Trail): recorded in coverage, not fatal.
 * `said` is Segment's own message ("type: message"), "" when the body was not Segment's error envelope.
 */
export class PlanUnavailableError extends SourceError {
  constructor(
    message: string,
    endpoint: string,
    status: number,
    readonly said: string,
  ) {
    super(message, endpoint, status);
  }
}

export interface StatusContext {
  endpoint: string;
  status: number;
  text: string;
  token: string;
  /** `GET /` already answered 200 with this token. */
  tokenVerified: boolean;
}

const PLAN_HINT = 'the Public API needs a Team or Business plan';

export function statusError(ctx: StatusContext): SourceError {
  const said = segmentSays(ctx.text, ctx.token);
  const suffix = said ? ` (Segment said: ${said})` : '';
  const { endpoint, status } = ctx;
  // Segment sells the Audit Trail as a Business add-on and does not document how it refuses a workspace
  // without it: any client-side refusal of the audit trail means "not available here", whatever its text.
  if (endpoint === 'GET /audit-events' && [400, 403, 404, 422].includes(status)) {
    return new PlanUnavailableError(
      `the audit trail is not available to this workspace${suffix}`,
      endpoint,
      status,
      said,
    );
  }
  if (/plan does not include/i.test(said) && (status === 400 || status === 403 || status === 422)) {
    return new PlanUnavailableError(`not available on this workspace's plan${suffix}`, endpoint, status, said);
  }
  if (status === 403 && !ctx.tokenVerified && /plan/i.test(said)) {
    return new SourceError(
      `HTTP 403: this workspace's plan has no Public API access; ${PLAN_HINT}${suffix}`,
      endpoint,
      status,
    );
  }
  if ((status === 401 || status === 403) && !ctx.tokenVerified) {
    return new SourceError(
      `HTTP ${status}: the token is invalid, revoked, or for the other region; check the token and --region (us|eu) or --api-url (and note that ${PLAN_HINT})${suffix}`,
      endpoint,
      status,
    );
  }
  if (status === 401 || status === 403) {
    const what =
      endpoint.startsWith('GET /users') || endpoint.startsWith('GET /groups') ? 'read users' : `call ${endpoint}`;
    return new SourceError(
      `HTTP ${status}: the token lacks the permission to ${what}; a Public API token with Workspace Owner access is needed${suffix}`,
      endpoint,
      status,
    );
  }
  if (status === 404) return new SourceError(`HTTP 404: not found${suffix}`, endpoint, status);
  return new SourceError(`HTTP ${status}${suffix}`, endpoint, status);
}

/** Segment's `errors[0]` as "type: message", redacted and shortened; "" when the body is not the envelope. */
export function segmentSays(text: string, token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return '';
  }
  const envelope = ErrorEnvelope.safeParse(parsed);
  const first = envelope.success ? envelope.data.errors[0] : undefined;
  if (!first) return '';
  const said = first.message ? `${first.type}: ${first.message}` : first.type;
  // One line: control characters (line breaks, terminal escapes) in the server's text become spaces.
  const oneLine = [...said].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join('');
  return redact(oneLine, token).slice(0, 200);
}
