/** Turn a final non-2xx answer into a SourceError whose message says what to do. Never includes the token. */
import { SourceError } from '../../errors.js';
import { redact } from './redact.js';
import { ErrorEnvelope } from './schema.js';

/** The plan of this workspace lacks the feature (User Groups, Audit Trail): recorded in coverage, not fatal. */
export class PlanUnavailableError extends SourceError {}

export interface StatusContext {
  endpoint: string;
  status: number;
  text: string;
  token: string;
  /** `GET /` already answered 200 with this token. */
  tokenVerified: boolean;
}

export function statusError(ctx: StatusContext): SourceError {
  const said = segmentSays(ctx.text, ctx.token);
  const suffix = said ? ` (Segment said: ${said})` : '';
  const { endpoint, status } = ctx;
  if (/plan does not include/i.test(said) && (status === 400 || status === 403 || status === 422)) {
    return new PlanUnavailableError(`not available on this workspace's plan${suffix}`, endpoint, status);
  }
  if ((status === 401 || status === 403) && !ctx.tokenVerified) {
    return new SourceError(
      `HTTP ${status}: the token is invalid, revoked, or for the other region; check the token and --region (us|eu) or --api-url${suffix}`,
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
  return redact(said, token).slice(0, 200);
}
