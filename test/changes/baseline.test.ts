import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBaseline, isEmptyChanges, readBaseline, summarizeAccess } from '../../src/changes/index.js';
import { InputError } from '../../src/errors.js';
import type { AccessDocument } from '../../src/model/document.js';
import { renderEvidence } from '../../src/report/index.js';
import { toJsonText } from '../../src/shared/json-text.js';
import { makeDocument, makeResult } from '../report/fixtures.js';

const diff = (current: AccessDocument, baseline: AccessDocument, file?: string) =>
  diffBaseline(summarizeAccess(current), summarizeAccess(baseline), file);

describe('diffBaseline', () => {
  it('reports nothing for the same document', () => {
    const changes = diff(makeDocument(), makeDocument());
    expect(isEmptyChanges(changes)).toBe(true);
    expect(changes.users_added).toEqual([]);
  });

  it('finds new and removed users, roles granted and removed, groups joined and left, groups added and removed', () => {
    const before = makeDocument();
    const after = makeDocument();
    after.users = after.users.filter((u) => u.id !== 'u_bob');
    after.users.push({
      ...after.users[0]!,
      id: 'u_zed',
      email: 'zed@acme.example',
      email_key: 'zed@acme.example',
      effective_roles: ['Source Admin'],
      groups: [],
    });
    const li = after.users.find((u) => u.id === 'u_li')!;
    li.effective_roles = ['Source Admin', 'Workspace Member'];
    li.groups = [{ id: 'g_new', name: 'New group' }];
    after.groups = after.groups.filter((g) => g.id !== 'g_owners');
    after.groups.push({ id: 'g_new', name: 'New group', member_count: 1, members: [], permissions: [], invites: [] });
    const changes = diff(after, before);
    expect(changes.users_added).toEqual([{ id: 'u_zed', email: 'zed@acme.example', roles: ['Source Admin'] }]);
    expect(changes.users_removed).toEqual([
      { id: 'u_bob', email: 'bob@contractor.example', roles: ['Workspace Owner'] },
    ]);
    expect(changes.access_changed).toEqual([
      {
        id: 'u_li',
        email: 'li.lei@acme.example',
        roles_granted: ['Source Admin'],
        roles_removed: ['Source Read-only'],
        groups_joined: ['New group'],
        groups_left: [],
      },
    ]);
    expect(changes.groups_added).toEqual([{ id: 'g_new', name: 'New group' }]);
    expect(changes.groups_removed).toEqual([{ id: 'g_owners', name: 'Owners' }]);
    expect(changes.totals).toEqual({
      users_added: 1,
      users_removed: 1,
      gained_access: 2,
      lost_access: 2,
      groups_added: 1,
      groups_removed: 1,
    });
  });

  it('matches a user whose id changed by email key', () => {
    const before = makeDocument();
    const after = makeDocument();
    after.users[1] = { ...after.users[1]!, id: 'u_ana_new', email: ' ana.mueller@ACME.example' };
    const changes = diff(after, before);
    expect(changes.users_added).toEqual([]);
    expect(changes.users_removed).toEqual([]);
  });

  it('refuses a baseline of another workspace', () => {
    const other = makeDocument();
    other.workspace = { ...other.workspace, id: 'ws_other' };
    expect(() => diff(makeDocument(), other, 'old.json')).toThrow(InputError);
    expect(() => diff(makeDocument(), other, 'old.json')).toThrow(/old\.json: baseline is from workspace ws_other/);
  });
});

describe('readBaseline', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'uar-baseline-'));
  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('reads a previous snapshot and a previous evidence file alike', async () => {
    const doc = makeDocument();
    const fromSnapshot = await readBaseline(await file('snapshot.json', toJsonText(doc)));
    const fromEvidence = await readBaseline(
      await file('evidence.json', renderEvidence(makeResult({ access: summarizeAccess(doc) }))),
    );
    expect(fromSnapshot).toEqual(summarizeAccess(doc));
    expect(fromEvidence).toEqual(fromSnapshot);
    expect(isEmptyChanges(diffBaseline(summarizeAccess(doc), fromEvidence))).toBe(true);
  });

  it('turns bad files into one-line InputErrors', async () => {
    await expect(readBaseline(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: cannot read baseline: no such file/,
    );
    await expect(readBaseline(await file('bad.json', '{oops'))).rejects.toThrow(
      /bad\.json:1:2: baseline is not valid JSON \(/,
    );
    await expect(readBaseline(await file('other.json', '{"hello":1}'))).rejects.toThrow(
      /not a uar-check snapshot or evidence file/,
    );
    const noAccess = { ...JSON.parse(renderEvidence(makeResult())), access: null }; // as an older uar-check wrote
    await expect(readBaseline(await file('noaccess.json', JSON.stringify(noAccess)))).rejects.toThrow(
      /no access section/,
    );
    await expect(readBaseline(await file('badsnap.json', '{"document_version":1}'))).rejects.toThrow(InputError);
  });
});
