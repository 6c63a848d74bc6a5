import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import { readAll } from '../../../src/source/segment/paginate.js';
import { RawMinimalUser } from '../../../src/source/segment/schema.js';
import { BASE, harness, page, setupNock, teardownNock } from './_nock.js';

beforeEach(setupNock);
afterEach(teardownNock);

const u = (id: string) => ({ id, name: id.toUpperCase(), email: `${id}@acme.com` });
const users = (pageSize = 2) => ({
  endpoint: 'GET /users',
  path: '/users',
  key: 'users',
  item: RawMinimalUser,
  pageSize,
});

describe('pagination', () => {
  it('follows next with pagination[count] and pagination[cursor] until next is absent', async () => {
    const scope = nock(BASE)
      .get('/users')
      .query({ 'pagination[count]': '2' })
      .reply(200, page('users', [u('a'), u('b')], 'Mg==', 'MA=='))
      .get('/users')
      .query({ 'pagination[count]': '2', 'pagination[cursor]': 'Mg==' })
      .reply(200, page('users', [u('c'), u('d')], 'NA==', 'Mg=='))
      .get('/users')
      .query({ 'pagination[count]': '2', 'pagination[cursor]': 'NA==' })
      .reply(200, page('users', [u('e')], undefined, 'NA=='));
    const { api } = harness();
    const all = await readAll(api, users());
    expect(all.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(scope.isDone()).toBe(true);
  });

  it('stops when next is null or empty', async () => {
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, page('users', [u('a')], null));
    const { api } = harness();
    expect(await readAll(api, users())).toHaveLength(1);
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, page('users', [u('b')], ''));
    expect(await readAll(api, users())).toHaveLength(1);
  });

  it('accepts an empty list', async () => {
    nock(BASE).get('/users').query(true).reply(200, page('users', []));
    const { api } = harness();
    expect(await readAll(api, users())).toEqual([]);
  });

  it('treats a 200 without the pagination object as an error, not the end', async () => {
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, { data: { users: [u('a')] } });
    const { api } = harness();
    const error = await readAll(api, users()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/^GET \/users: unexpected response shape \(data\.pagination: /);
  });

  it('refuses a cursor that repeats', async () => {
    nock(BASE)
      .get('/users')
      .query({ 'pagination[count]': '2' })
      .reply(200, page('users', [u('a'), u('b')], 'Mg==', 'MA=='))
      .get('/users')
      .query({ 'pagination[count]': '2', 'pagination[cursor]': 'Mg==' })
      .reply(200, page('users', [u('c'), u('d')], 'Mg==', 'Mg=='));
    const { api } = harness();
    await expect(readAll(api, users())).rejects.toThrow(
      'GET /users: pagination cursor repeated (Mg==); refusing to loop',
    );
  });

  it('refuses a page of the wrong shape', async () => {
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, page('users', [{ id: 'a', email: 42 }]));
    const { api } = harness();
    await expect(readAll(api, users())).rejects.toThrow(
      /^GET \/users: unexpected response shape \(data\.users\.0\.name: /,
    );
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, page('members', [u('a')]));
    await expect(readAll(api, users())).rejects.toThrow(/data\.users/);
  });

  it('rejects a page size Segment would refuse', async () => {
    const { api } = harness();
    await expect(readAll(api, users(1001))).rejects.toThrow(RangeError);
  });

  it('reads a null display name as empty, and refuses a null email with one line naming the endpoint and field', async () => {
    nock(BASE)
      .get('/users')
      .query(true)
      .reply(200, page('users', [{ id: 'a', name: null, email: 'a@acme.com' }], undefined, 'MA=='))
      .get('/users')
      .query(true)
      .reply(200, page('users', [u('a'), { id: 'b', name: 'B', email: null }], undefined, 'MA=='));
    const { api } = harness();
    expect(await readAll(api, users())).toEqual([{ id: 'a', name: '', email: 'a@acme.com' }]);
    const error = (await readAll(api, users()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^GET \/users: unexpected response shape \(data\.users\.1\.email: .+\)$/);
    expect(error.message).not.toContain('\n');
  });
});
