/**
 * The helper library is a documented product API: every rule and function defined in `policies/lib` (the library
 * and the test fixtures) is named in policies/README.md — in the tables (`lib.NAME`, `fixtures.NAME`) or in the
 * list of internal rules — so a helper cannot be added, or renamed, without its documentation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = join(import.meta.dirname, '..', '..', 'policies', 'lib');
const README = readFileSync(join(LIB, '..', 'README.md'), 'utf8');

/** Rule and function names defined at the top level of a Rego file (`opa fmt` puts every head at column 0). */
function ruleNames(rego: string): string[] {
  const names = new Set<string>();
  for (const line of rego.split('\n')) {
    const head = /^(?:default\s+)?([a-z_][a-z0-9_]*)\s*(?:\(|\[|:=|=|contains\b|if\b|$)/.exec(line);
    if (head?.[1] && head[1] !== 'package' && head[1] !== 'import') names.add(head[1]);
  }
  return [...names];
}

// The library's files, and the fixtures; the library's own tests (`*_test.rego`) define no API.
const files = readdirSync(LIB).filter(
  (f) => f === 'fixtures_test.rego' || (f.endsWith('.rego') && !f.endsWith('_test.rego')),
);

describe('policies/README.md documents the helper library', () => {
  it('finds the library files and their rules (the premise of this test)', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'email.rego',
        'fixtures_test.rego',
        'params.rego',
        'reviews.rego',
        'subjects.rego',
        'time.rego',
      ]),
    );
    expect(ruleNames(readFileSync(join(LIB, 'subjects.rego'), 'utf8'))).toEqual(
      expect.arrayContaining(['user_subject', 'users_by_key', 'users_with_key', 'owners', 'admins']),
    );
    expect(ruleNames(readFileSync(join(LIB, 'params.rego'), 'utf8'))).toContain('given_params');
  });

  for (const file of files) {
    const prefix = file === 'fixtures_test.rego' ? 'fixtures' : 'lib';
    it(`names every rule of lib/${file} as ${prefix}.NAME`, () => {
      const missing = ruleNames(readFileSync(join(LIB, file), 'utf8')).filter(
        (name) => !new RegExp(`\`${prefix}\\.${name}[\`(\\[ .]`).test(README),
      );
      expect(missing, `add them to §5 of policies/README.md (API or internal)`).toEqual([]);
    });
  }

  it('states the stability promise', () => {
    expect(README).toMatch(/### Stability promise/);
    expect(README).toMatch(/Changes only in a major version/);
    expect(README).toMatch(/### Internal rules of `lib\/`/);
  });
});
