/**
 * Where the token comes from (env `SEGMENT_PUBLIC_API_TOKEN`, a file, or `-` for stdin) and the check made
 * before any request: a token with whitespace or non-ASCII characters, or shaped like a legacy Config API token,
 * is refused.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';

export const TOKEN_ENV = 'SEGMENT_PUBLIC_API_TOKEN';
/** Public API tokens as secret scanners know them (Segment does not document the format). */
export const PUBLIC_API_TOKEN = /^sgp_[A-Za-z0-9]{64}$/;
/** Config API tokens: two base64url segments joined by a dot. */
export const CONFIG_API_TOKEN = /^[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}$/;

const CREATE_HINT =
  'create a Public API token in the Segment app at Settings → Access Management → Tokens → "+ Create Token" and choose "Public API"';

export interface TokenSources {
  /** Environment to read `SEGMENT_PUBLIC_API_TOKEN` from (the CLI passes process.env). */
  env?: Record<string, string | undefined>;
  /** `--token-file`: a path, or `-` for `stdin`. */
  file?: string;
  stdin?: AsyncIterable<string | Buffer>;
}

/** Read the token (file first, then the environment), trimmed and checked. */
export async function readToken(sources: TokenSources): Promise<string> {
  let token: string | undefined;
  if (sources.file === '-') {
    if (!sources.stdin) throw new ConfigError('--token-file -: no standard input to read the token from');
    const chunks: string[] = [];
    for await (const chunk of sources.stdin) chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    token = chunks.join('');
  } else if (sources.file !== undefined) {
    try {
      token = await readFile(sources.file, 'utf8');
    } catch (thrown) {
      const code = (thrown as { code?: string }).code ?? 'unreadable';
      throw new ConfigError(`--token-file ${sources.file}: cannot read the token file (${code})`);
    }
  } else {
    token = sources.env?.[TOKEN_ENV];
  }
  const trimmed = (token ?? '').trim();
  if (!trimmed) {
    const where = sources.file !== undefined ? `--token-file ${sources.file} is empty` : `${TOKEN_ENV} is not set`;
    throw new ConfigError(`no Segment token: ${where}; ${CREATE_HINT}, then set ${TOKEN_ENV} or pass --token-file`);
  }
  checkToken(trimmed);
  return trimmed;
}

/** Refuse what can never work, before any request. Never echoes the token. */
export function checkToken(token: string): void {
  if (!token.trim()) throw new ConfigError(`no Segment token; ${CREATE_HINT}`);
  if (/\s/.test(token))
    throw new ConfigError('the Segment token contains whitespace; copy it again without spaces or line breaks');
  // An HTTP header cannot carry it: refuse now instead of failing every request (and blaming the network).
  if (/[^\x21-\x7e]/.test(token))
    throw new ConfigError(
      'the Segment token contains a character that is not printable ASCII (a typographic quote or dash from copying?); copy it again from Segment',
    );
  if (!PUBLIC_API_TOKEN.test(token) && CONFIG_API_TOKEN.test(token)) {
    throw new ConfigError(
      `the token looks like a legacy Config API token (two base64url parts joined by "."), which the Public API does not accept; ${CREATE_HINT}`,
    );
  }
}
