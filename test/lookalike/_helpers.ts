import { readFileSync } from 'node:fs';
import { LookalikeWorkspace } from '../../src/lookalike/workspace.js';

export const TOKEN = `sgp_${'Ab3'.repeat(21)}Z`;
export const FIXTURE = 'fixtures/example/segment-workspace.json';
export function exampleWorkspace(): LookalikeWorkspace {
  return LookalikeWorkspace.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
}
