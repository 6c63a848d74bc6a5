/**
 * Google Workspace Admin console "Download users" CSV (34- and 38-column layouts; columns found by name).
 * - `Email Address [Required]` (required): the primary address. The file has no aliases; recovery and secondary
 *   emails are personal/contact addresses and are not used for joining.
 * - `Status [READ ONLY]`: `Active` → active; any other word (`Suspended`, `Archived`, …) → inactive; blank or
 *   column absent → unknown.
 * - `Last Sign In [READ ONLY]`: `YYYY/MM/DD HH:MM:SS` (no zone; read as UTC), ISO-8601, or `Never logged in`.
 * - `2sv Enrolled [READ ONLY]`: `True` / `False` in any case.
 */
import { cell, cellError, findColumn, readCsv, requireColumn } from '../csv.js';
import { parseInstant } from '../time.js';
import type { Mfa, PartialRecord, SignIn, Status } from './record.js';

export const GOOGLE_EMAIL = 'Email Address [Required]';
const STATUS = 'Status [READ ONLY]';
const LAST_SIGN_IN = 'Last Sign In [READ ONLY]';
const TWO_SV = '2sv Enrolled [READ ONLY]';

export function parseGoogleCsv(file: string, text: string, name = file): PartialRecord[] {
  const table = readCsv(file, text);
  const email = requireColumn(table, GOOGLE_EMAIL, 'Google "Download users" file');
  const status = findColumn(table, STATUS);
  const signIn = findColumn(table, LAST_SIGN_IN);
  const twoSv = findColumn(table, TWO_SV);
  return table.rows.map((row): PartialRecord => {
    const address = cell(row, email);
    if (!address) throw cellError(table, row, email, `${GOOGLE_EMAIL} is empty; expected the user's primary email`);
    const statusText = cell(row, status);
    const statusValue: Status =
      statusText === '' ? 'unknown' : statusText.toLowerCase() === 'active' ? 'active' : 'inactive';
    const mfaText = cell(row, twoSv).toLowerCase();
    let mfa: Mfa = 'unknown';
    if (mfaText === 'true') mfa = 'enrolled';
    else if (mfaText === 'false') mfa = 'not_enrolled';
    else if (mfaText !== '') throw cellError(table, row, twoSv, `${TWO_SV} "${cell(row, twoSv)}" is not True or False`);
    return {
      source: 'google',
      file: name,
      line: row.line,
      id: null,
      principal: address,
      primary: [address],
      aliases: [],
      status: statusValue,
      mfa,
      last_sign_in: googleSignIn(cell(row, signIn), () =>
        cellError(
          table,
          row,
          signIn,
          `${LAST_SIGN_IN} "${cell(row, signIn)}" is not a time; expected e.g. 2024/05/02 09:14:27, an ISO-8601 time, or "Never logged in"`,
        ),
      ),
    };
  });
}

function googleSignIn(text: string, fail: () => Error): SignIn {
  if (text === '') return null;
  if (/^never( logged in)?$/i.test(text)) return 'never';
  const time = parseInstant(text, { naive: true, slashed: true });
  if (time === null) throw fail();
  return time;
}
