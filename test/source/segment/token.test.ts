import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { checkToken, readToken, TOKEN_ENV } from '../../../src/source/segment/token.js';
import { TOKEN } from './_nock.js';

describe('readToken', () => {
  it('reads SEGMENT_PUBLIC_API_TOKEN, trimmed', async () => {
    expect(await readToken({ env: { [TOKEN_ENV]: ` ${TOKEN}\n` } })).toBe(TOKEN);
  });

  it('reads a token file, and - reads stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uar-token-'));
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    expect(await readToken({ file: join(dir, 'token'), env: {} })).toBe(TOKEN);
    expect(await readToken({ file: '-', stdin: Readable.from([Buffer.from(TOKEN)]) })).toBe(TOKEN);
  });

  it('says how to get a token when there is none', async () => {
    await expect(readToken({ env: {} })).rejects.toThrow(
      /SEGMENT_PUBLIC_API_TOKEN is not set; create a Public API token/,
    );
    await expect(readToken({ file: '/nonexistent/token' })).rejects.toThrow(
      '--token-file /nonexistent/token: cannot read the token file (ENOENT)',
    );
  });

  it('refuses a Config API token without echoing it', async () => {
    const config = 'qiTgISif4zQ6mB0yTV2bKxH1Cv7l9Mr8.gg9ok4XzmR7bc3uKjD5sPn0wqYe2y2g';
    const error = await readToken({ env: { [TOKEN_ENV]: config } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/Config API token.*Settings → Access Management → Tokens/);
    expect((error as Error).message).not.toContain(config);
  });

  it('accepts Public API tokens and unknown shapes (the format is a hint, not proof)', () => {
    expect(() => checkToken(TOKEN)).not.toThrow();
    expect(() => checkToken('opaque-token-without-dot')).not.toThrow();
    expect(() => checkToken('two words')).toThrow(ConfigError);
  });
});
