/**
 * Microsoft Entra ID, "Download users" CSV (classic; columns found by name, extra or missing ones tolerated).
 * - Addresses: `userPrincipalName` (required column) and `mail` identify the person; `alternateEmailAddress`
 *   (Graph otherMails) is an alias.
 * - `objectId` is the record id that ties this file to the Graph JSON files (entra-graph.ts).
 * - `accountEnabled`: true → active, false → inactive (any case; yes/no too); blank → unknown.
 * - The file has no MFA or sign-in column: both unknown unless the Graph files tell.
 * - Cells flattened by PowerShell or a UI (`[object Object]`, `Microsoft.Graph.PowerShell.Models.…`,
 *   `System.Object[]`, `@{…}`) are errors: the export lost the data; re-export with the values expanded.
 */

import { splitAddresses } from '../address.js';
import { cell, cellError, findColumn, readCsv, requireColumn } from '../csv.js';
import type { PartialRecord, Status } from './record.js';

const FLATTENED = /^(\[object object\]|microsoft\.graph\.|system\.object\[\]|system\.collections\.|@\{)/i;

export function parseEntraCsv(file: string, text: string, name = file): PartialRecord[] {
  const table = readCsv(file, text);
  const upn = requireColumn(table, 'userPrincipalName', 'Entra "Download users" file');
  const mail = findColumn(table, 'mail');
  const alternate = findColumn(table, 'alternateEmailAddress');
  const objectId = findColumn(table, 'objectId');
  const enabled = findColumn(table, 'accountEnabled');
  return table.rows.map((row): PartialRecord => {
    row.cells.forEach((value, index) => {
      if (FLATTENED.test(value.trim())) {
        const column = table.header[index] ?? `column ${index + 1}`;
        throw cellError(
          table,
          row,
          index,
          `${column} holds "${value.trim()}", an object flattened by the export tool, not a value; re-export with the property expanded (e.g. select its fields) or use the Graph JSON`,
        );
      }
    });
    const principal = cell(row, upn);
    if (!principal) throw cellError(table, row, upn, 'userPrincipalName is empty; expected the sign-in name');
    const enabledText = cell(row, enabled).toLowerCase();
    let status: Status = 'unknown';
    if (enabledText === 'true' || enabledText === 'yes') status = 'active';
    else if (enabledText === 'false' || enabledText === 'no') status = 'inactive';
    else if (enabledText !== '') {
      throw cellError(
        table,
        row,
        enabled,
        `accountEnabled "${cell(row, enabled)}" is not a known value; expected True or False`,
      );
    }
    const mailText = cell(row, mail);
    return {
      source: 'entra',
      file: name,
      line: row.line,
      id: cell(row, objectId) || null,
      principal,
      primary: mailText ? [principal, mailText] : [principal],
      aliases: splitAddresses(cell(row, alternate)),
      status,
      mfa: 'unknown',
      last_sign_in: null,
    };
  });
}
