import type { EntityManager } from 'typeorm';
import { date, int, rowsOf, str } from './row';

/**
 * Every statement on `on_duty_employees` and `on_duty_counts`. The count row of an
 * organisation is locked before its on-duty rows change and recounted after, in the same
 * transaction: two people switching at the same moment are counted right.
 */
export interface OnDutyRecord {
  employeeId: string;
  organisationId: string;
  since: Date;
}

export const onDutyStore = {
  async find(m: EntityManager, employeeId: string): Promise<OnDutyRecord | undefined> {
    return rowsOf(await m.query(`SELECT employee_id, organisation_id, since FROM on_duty_employees WHERE employee_id = $1`, [employeeId])).map((row) => ({
      employeeId: str(row, 'employee_id'),
      organisationId: str(row, 'organisation_id'),
      since: date(row, 'since'),
    }))[0];
  },

  /** The own organisation's on-duty employees (row-level security: only the own are visible). */
  async employeeIds(m: EntityManager, organisationId: string): Promise<string[]> {
    return rowsOf(await m.query(`SELECT employee_id FROM on_duty_employees WHERE organisation_id = $1 ORDER BY since, employee_id`, [organisationId])).map((row) => str(row, 'employee_id'));
  },

  /** Sets or ends one employee's duty in the caller's (their own organisation's) tenant, and recounts. */
  async set(m: EntityManager, employeeId: string, organisationId: string, onDuty: boolean): Promise<void> {
    await m.query(`INSERT INTO on_duty_counts (organisation_id) VALUES ($1) ON CONFLICT (organisation_id) DO NOTHING`, [organisationId]);
    await m.query(`SELECT 1 FROM on_duty_counts WHERE organisation_id = $1 FOR UPDATE`, [organisationId]);
    if (onDuty) {
      await m.query(`INSERT INTO on_duty_employees (employee_id, organisation_id) VALUES ($1, $2) ON CONFLICT (employee_id) DO NOTHING`, [employeeId, organisationId]);
    } else {
      await m.query(`DELETE FROM on_duty_employees WHERE employee_id = $1 AND organisation_id = $2`, [employeeId, organisationId]);
    }
    await m.query(`UPDATE on_duty_counts SET on_duty = (SELECT count(*) FROM on_duty_employees WHERE organisation_id = $1), updated_at = now() WHERE organisation_id = $1`, [organisationId]);
  },

  /** How many are on duty at any organisation (the counts are open to all; who is not). */
  async count(m: EntityManager, organisationId: string): Promise<number> {
    const rows = rowsOf(await m.query(`SELECT on_duty FROM on_duty_counts WHERE organisation_id = $1`, [organisationId]));
    return rows.length ? int(rows[0], 'on_duty') : 0;
  },
};
