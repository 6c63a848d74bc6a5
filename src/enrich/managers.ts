/**
 * Every manager the HR roster names, by the employee's email key: also for people without Segment access, so a
 * campaign can climb the manager chain (a user's manager's manager).
 */
import type { HrMapping } from './hr.js';
import { parseHr } from './hr.js';
import { readInput } from './read-input.js';

export async function readManagers(file: string, mapping?: HrMapping): Promise<Map<string, string>> {
  const loaded = await readInput(file);
  const roster = parseHr(file, loaded.text, loaded.name, mapping);
  const managers = new Map<string, string>();
  for (const row of roster.rows) {
    const manager = row.record.manager_email;
    if (manager && !managers.has(row.key)) managers.set(row.key, manager);
  }
  return managers;
}
