/**
 * Microsoft Graph JSON files of an Entra tenant:
 * - `entra-mfa`: GET /reports/authenticationMethods/userRegistrationDetails. `isMfaRegistered` true → enrolled,
 *   false → not enrolled. A user absent from it is unknown, not "no MFA" (the report skips disabled users).
 * - `entra-signins`: GET /users?$select=id,userPrincipalName,mail,otherMails,proxyAddresses,accountEnabled,
 *   signInActivity. Last sign-in = `lastSuccessfulSignInDateTime`, else the later of `lastSignInDateTime` and
 *   `lastNonInteractiveSignInDateTime`; all three null (or `signInActivity: null`) → never; the property absent
 *   → unknown (it was not selected). `accountEnabled` false → inactive, true → active, absent → unknown.
 *   Addresses: `userPrincipalName`, `mail` (primary); `otherMails`, SMTP `proxyAddresses` (aliases).
 * Both tie to the "Download users" CSV by object id (`id`), else by UPN.
 */
import { isObject, jsonError } from '../json-input.js';
import { parseInstant } from '../time.js';
import { combineSignIn } from './facts.js';
import { graphItems, optionalString, stringList } from './graph-json.js';
import type { PartialRecord, SignIn, Status } from './record.js';

export function parseEntraMfa(file: string, text: string, name = file): PartialRecord[] {
  const { items, path } = graphItems(file, text, 'a Graph userRegistrationDetails response');
  return items.map((item, i): PartialRecord => {
    const registered = item.isMfaRegistered;
    if (typeof registered !== 'boolean') {
      throw jsonError(
        file,
        text,
        [...path(i), 'isMfaRegistered'],
        `is ${JSON.stringify(registered) ?? 'missing'}; expected true or false`,
      );
    }
    const upn = optionalString(file, text, [...path(i), 'userPrincipalName'], item.userPrincipalName);
    return {
      ...base(file, text, path(i), item, name),
      primary: upn ? [upn] : [],
      mfa: registered ? 'enrolled' : 'not_enrolled',
    };
  });
}

export function parseEntraSignIns(file: string, text: string, name = file): PartialRecord[] {
  const { items, path } = graphItems(file, text, 'a Graph users response with signInActivity');
  return items.map((item, i): PartialRecord => {
    const at = path(i);
    const upn = optionalString(file, text, [...at, 'userPrincipalName'], item.userPrincipalName);
    const mail = optionalString(file, text, [...at, 'mail'], item.mail);
    const proxies = stringList(file, text, [...at, 'proxyAddresses'], item.proxyAddresses).filter((p) =>
      /^smtp:/i.test(p),
    );
    let status: Status = 'unknown';
    if (item.accountEnabled === true) status = 'active';
    else if (item.accountEnabled === false) status = 'inactive';
    else if (item.accountEnabled !== undefined && item.accountEnabled !== null) {
      throw jsonError(
        file,
        text,
        [...at, 'accountEnabled'],
        `is ${JSON.stringify(item.accountEnabled)}; expected true or false`,
      );
    }
    return {
      ...base(file, text, at, item, name),
      primary: [upn, mail].filter((a): a is string => a !== null),
      aliases: [...stringList(file, text, [...at, 'otherMails'], item.otherMails), ...proxies],
      status,
      last_sign_in: signIn(file, text, [...at, 'signInActivity'], item),
    };
  });
}

function base(
  file: string,
  text: string,
  at: (string | number)[],
  item: Record<string, unknown>,
  name: string,
): PartialRecord {
  const id = optionalString(file, text, [...at, 'id'], item.id);
  const upn = optionalString(file, text, [...at, 'userPrincipalName'], item.userPrincipalName);
  if (id === null && upn === null)
    throw jsonError(
      file,
      text,
      at,
      'has neither "id" nor "userPrincipalName"; expected at least one to identify the user',
    );
  return {
    source: 'entra',
    file: name,
    line: null,
    id,
    principal: upn,
    primary: [],
    aliases: [],
    status: 'unknown',
    mfa: 'unknown',
    last_sign_in: null,
  };
}

function signIn(file: string, text: string, at: (string | number)[], item: Record<string, unknown>): SignIn {
  if (!('signInActivity' in item)) return null;
  const activity = item.signInActivity;
  if (activity === null) return 'never';
  if (!isObject(activity)) throw jsonError(file, text, at, 'is not an object; expected the signInActivity resource');
  const time = (field: string): string | null => {
    const value = optionalString(file, text, [...at, field], activity[field]);
    if (value === null) return null;
    const parsed = parseInstant(value);
    if (parsed === null)
      throw jsonError(
        file,
        text,
        [...at, field],
        `"${value}" is not an ISO-8601 time; expected e.g. 2024-05-03T06:01:10Z`,
      );
    return parsed;
  };
  const successful = time('lastSuccessfulSignInDateTime');
  const attempts = combineSignIn([time('lastSignInDateTime'), time('lastNonInteractiveSignInDateTime')]);
  return successful ?? attempts ?? 'never';
}
