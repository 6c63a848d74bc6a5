import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { type Lookalike, type LookalikeOptions, startLookalike } from '../../src/lookalike/server.js';
import { LookalikeWorkspace } from '../../src/lookalike/workspace.js';

export const TOKEN = `sgp_${'Ab3'.repeat(21)}Z`;
export const FIXTURE = 'fixtures/example/segment-workspace.json';
export function exampleWorkspace(): LookalikeWorkspace {
  return LookalikeWorkspace.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
}

/** `serve(options)` starts a look-alike of the example workspace; every one started is closed after each test. */
export function lookalikeServer(maxSeconds: number): (options?: Partial<LookalikeOptions>) => Promise<Lookalike> {
  let servers: Lookalike[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (options = {}) => {
    const server = await startLookalike({ workspace: exampleWorkspace(), token: TOKEN, maxSeconds, ...options });
    servers.push(server);
    return server;
  };
}
