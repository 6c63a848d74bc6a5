/**
 * The generic identity CSV for every other provider: `email,status,mfa_enrolled,last_sign_in,aliases`.
 * - `email` and `status` are required columns; `mfa_enrolled`, `last_sign_in` and `aliases` may be absent.
 * - status `active` | `inactive` (any case); mfa_enrolled `true` | `false` | empty (unknown);
 *   last_sign_in an RFC 3339 time (with zone), `never`, or empty (unknown); aliases separated by `;`.
 */

import { splitAddresses } from '../address.js';
import { cell, cellError, findColumn, readCsv, requireColumn } from '../csv.js';
import { parseInstant } from '../time.js';
import type { Mfa, PartialRecord, SignIn, Status } from './record.js';

export const GENERIC_COLUMNS = ['email', 'status', 'mfa_enrolled', 'last_sign_in', 'aliases'] as const;

export function parseGenericCsv(file: string, text: string, name = file): PartialRecord[] {
  const table = readCsv(file, text);
  const email = requireColumn(table, 'email', 'generic identity CSV');
  const status = requireColumn(table, 'status', 'generic identity CSV');
  const mfa = findColumn(table, 'mfa_enrolled');
  const signIn = findColumn(table, 'last_sign_in');
  const aliases = findColumn(table, 'aliases');
  return table.rows.map((row): PartialRecord => {
    const address = cell(row, email);
    if (!address) throw cellError(table, row, email, 'email is empty; expected the person’s address');
    const statusText = cell(row, status).toLowerCase();
    if (statusText !== 'active' && statusText !== 'inactive') {
      throw cellError(
        table,
        row,
        status,
        `status "${cell(row, status)}" is not a known status; expected active or inactive`,
      );
    }
    const mfaText = cell(row, mfa).toLowerCase();
    if (!['', 'true', 'false'].includes(mfaText)) {
      throw cellError(
        table,
        row,
        mfa,
        `mfa_enrolled "${cell(row, mfa)}" is not valid; expected true, false or empty (unknown)`,
      );
    }
    const signInText = cell(row, signIn);
    let lastSignIn: SignIn = null;
    if (/^never$/i.test(signInText)) lastSignIn = 'never';
    else if (signInText !== '') {
      lastSignIn = parseInstant(signInText);
      if (lastSignIn === null) {
        throw cellError(
          table,
          row,
          signIn,
          `last_sign_in "${signInText}" is not an RFC 3339 time; expected e.g. 2026-11-02T14:20:00Z, "never" or empty`,
        );
      }
    }
    return {
      source: 'generic',
      file: name,
      line: row.line,
      id: null,
      principal: address,
      primary: [address],
      aliases: splitAddresses(cell(row, aliases)),
      status: statusText as Status,
      mfa: (mfaText === 'true' ? 'enrolled' : mfaText === 'false' ? 'not_enrolled' : 'unknown') as Mfa,
      last_sign_in: lastSignIn,
    };
  });
}
