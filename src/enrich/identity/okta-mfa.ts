/**
 * Okta MFA files. When a person counts as NOT enrolled (exactly):
 * - Factors JSON: the person is listed and none of their factors is `status: "ACTIVE"` with a `factorType`
 *   other than `question` (a security question is a second password, not a second factor). An empty list
 *   counts. Listed with at least one such factor → enrolled. Not listed → unknown.
 * - MFA Usage CSV: the person has rows, and every row's `MFA Factor` is `Password`. Any other row → enrolled.
 *   No rows → unknown (the report leaves out people without enrolments, so absence proves nothing).
 *
 * Factors JSON shapes (the API returns one array per user, so exports are collected by a script):
 * - `{ "<user id or login>": [factor, …], … }` (a key starting with `00u` and without `@` is an id);
 * - `[ { "userId" | "login": "…", "factors": [factor, …] }, … ]`;
 * - `[ factor, … ]` where every factor has `_links.user.href` ending in the user id.
 */

import { addressKey } from '../address.js';
import { cell, cellError, readCsv, requireColumn } from '../csv.js';
import { isObject, type JsonPath, jsonError, parseJson } from '../json-input.js';
import type { PartialRecord } from './record.js';

const FACTOR_STATUS = new Set(['NOT_SETUP', 'PENDING_ACTIVATION', 'ENROLLED', 'ACTIVE', 'INACTIVE', 'EXPIRED']);

export function parseOktaFactors(file: string, text: string, name = file): PartialRecord[] {
  const json = parseJson(file, text, 'Okta factors per user');
  const owners: { key: string; factors: unknown; at: JsonPath; explicit?: 'id' | 'login' }[] = [];
  if (isObject(json)) {
    for (const [key, factors] of Object.entries(json)) owners.push({ key, factors, at: [key] });
  } else if (Array.isArray(json) && json.every((e) => isObject(e) && 'factors' in e)) {
    json.forEach((e: Record<string, unknown>, i) => {
      const key = typeof e.userId === 'string' ? e.userId : typeof e.login === 'string' ? e.login : null;
      if (key === null)
        throw jsonError(file, text, [i], 'has no "userId" or "login"; expected to know whose factors these are');
      owners.push({
        key,
        factors: e.factors,
        at: [i, 'factors'],
        explicit: typeof e.userId === 'string' ? 'id' : 'login',
      });
    });
  } else if (Array.isArray(json)) {
    const byUser = new Map<string, unknown[]>();
    json.forEach((f: unknown, i) => {
      const href = isObject(f) && isObject(f._links) && isObject(f._links.user) ? f._links.user.href : undefined;
      const userId = typeof href === 'string' ? /\/users\/([^/?#]+)/.exec(href)?.[1] : undefined;
      if (!userId)
        throw jsonError(
          file,
          text,
          [i],
          'has no _links.user.href; cannot tell whose factor this is. Expected {"<user id>": [factors]} or [{"userId": …, "factors": […]}]',
        );
      byUser.set(userId, [...(byUser.get(userId) ?? []), f]);
    });
    for (const [key, factors] of byUser) owners.push({ key, factors, at: [], explicit: 'id' });
  } else {
    throw jsonError(
      file,
      text,
      [],
      'is not Okta factors; expected {"<user id>": [factors]} or [{"userId": …, "factors": […]}]',
    );
  }
  return owners.map(({ key, factors, at, explicit }) => {
    if (!Array.isArray(factors)) throw jsonError(file, text, at, 'is not a list of factors');
    const enrolled = factors.some((f: unknown, j) => {
      if (!isObject(f) || typeof f.status !== 'string' || !FACTOR_STATUS.has(f.status)) {
        throw jsonError(
          file,
          text,
          [...at, j, 'status'],
          `is not a known factor status; expected one of ${[...FACTOR_STATUS].join(', ')}`,
        );
      }
      return f.status === 'ACTIVE' && f.factorType !== 'question';
    });
    const isId = explicit ? explicit === 'id' : key.startsWith('00u') && !key.includes('@');
    return partial(name, isId ? key : null, isId ? null : key, enrolled ? 'enrolled' : 'not_enrolled');
  });
}

export function parseOktaMfaUsage(file: string, text: string, name = file): PartialRecord[] {
  const table = readCsv(file, text);
  const login = requireColumn(table, 'Login', 'Okta MFA Usage report');
  const factor = requireColumn(table, 'MFA Factor', 'Okta MFA Usage report');
  const people = new Map<string, { login: string; line: number; enrolled: boolean }>();
  for (const row of table.rows) {
    const value = cell(row, login);
    if (!value) throw cellError(table, row, login, 'Login is empty; expected the Okta username');
    const key = addressKey(value);
    const entry = people.get(key) ?? { login: value, line: row.line, enrolled: false };
    if (cell(row, factor).toLowerCase() !== 'password' && cell(row, factor) !== '') entry.enrolled = true;
    people.set(key, entry);
  }
  return [...people.values()].map((p) => ({
    ...partial(name, null, p.login, p.enrolled ? 'enrolled' : 'not_enrolled'),
    line: p.line,
  }));
}

function partial(file: string, id: string | null, login: string | null, mfa: PartialRecord['mfa']): PartialRecord {
  return {
    source: 'okta',
    file,
    line: null,
    id,
    principal: login,
    primary: login ? [login] : [],
    aliases: [],
    status: 'unknown',
    mfa,
    last_sign_in: null,
  };
}
