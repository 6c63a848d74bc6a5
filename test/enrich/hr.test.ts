import { describe, expect, it } from 'vitest';
import { parseHr } from '../../src/enrich/hr.js';
import { errorOf, fixture } from './helpers.js';

describe('HR roster', () => {
  it('reads the neutral template', () => {
    const roster = parseHr('hr.csv', fixture('ref-hr-template.csv'));
    expect(roster.format).toBe('hr-template');
    expect(
      roster.rows.map((r) => [
        r.key,
        r.line,
        r.record.employment_status,
        r.record.termination_date,
        r.record.employee_id,
        r.record.worker_type,
      ]),
    ).toEqual([
      ['ana.silva@example.com', 2, 'active', null, '1001', 'employee'],
      ['ben.cho@example.com', 3, 'active', null, '1042', 'contractor'],
      ['chloe.martin@example.com', 4, 'terminated', '2024-02-29', '877', 'employee'],
      ['dev.patel@example.com', 5, 'leave', null, '1077', 'employee'],
      ['maria.okafor@example.com', 6, 'active', null, '1', 'employee'],
    ]);
    expect(roster.rows[0]!.record).toEqual({
      employment_status: 'active',
      termination_date: null,
      employee_id: '1001',
      manager_email: 'maria.okafor@example.com',
      worker_type: 'employee',
      file: 'hr.csv',
    });
  });

  it('reads BambooHR through a mapping with synonyms; 0000-00-00 is no date; rows without email are counted', () => {
    const roster = parseHr('bamboo.csv', fixture('ref-bamboohr.csv'), 'bamboo.csv', {
      columns: {
        work_email: 'Work Email',
        employment_status: 'Employment Status',
        termination_date: 'Termination Date',
        employee_id: 'Employee #',
        manager_email: 'Supervisor Email',
      },
      status_synonyms: { 'Full-Time': 'active', 'part-time': 'active', Contractor: 'active', Terminated: 'terminated' },
    });
    expect(roster.format).toBe('hr-mapped');
    expect(roster.rows_without_email).toBe(1);
    expect(
      roster.rows.map((r) => [r.key, r.record.employment_status, r.record.termination_date, r.record.manager_email]),
    ).toEqual([
      ['ana.silva@example.com', 'active', null, 'maria.okafor@example.com'],
      ['ben.cho@example.com', 'active', null, 'maria.okafor@example.com'],
      ['chloe.martin@example.com', 'terminated', '2024-02-29', 'maria.okafor@example.com'],
      ['maria.okafor@example.com', 'active', null, null],
    ]);
  });

  it('reports unknown statuses, bad dates and missing columns', () => {
    const head = 'work_email,employment_status,termination_date';
    expect(errorOf(() => parseHr('hr.csv', `${head}\na@x.com,fired,\n`))).toBe(
      'hr.csv:2:2: employment_status "fired" is not a known status; expected one of active, leave, terminated (or map other words with inputs.hr_mapping.status_synonyms)',
    );
    expect(errorOf(() => parseHr('hr.csv', `${head}\na@x.com,terminated,31/10/2026\n`))).toBe(
      'hr.csv:2:3: termination_date "31/10/2026" is not a date; expected YYYY-MM-DD (blank or 0000-00-00 for none)',
    );
    expect(errorOf(() => parseHr('hr.csv', 'email,employment_status\n'))).toMatch(
      /^hr\.csv:1: missing required column "work_email"/,
    );
    const mapping = {
      columns: { work_email: 'Work Email', employment_status: 'Status', termination_date: 'End Date' },
    };
    expect(errorOf(() => parseHr('b.csv', 'Work Email,Status\n', 'b.csv', mapping))).toBe(
      'b.csv:1: missing required column "End Date"; this HR roster (per hr_mapping) needs it in the header',
    );
  });
});
