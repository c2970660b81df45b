import type { DataSource } from "typeorm";

/** How many records of a province an import account wrote in one level's database. */
export interface ImportedCounts {
  cases: number;
  sessions: number;
}

// A case belongs to an import when its first petition was registered by the import's account; a
// session when the account recorded it. Only units of the province count.
const IMPORTED_CASES = `
  SELECT p.case_id AS id FROM petition p
  JOIN kntc_case k ON k.id = p.case_id
  JOIN administrative_unit u ON u.code = k.unit_code
  WHERE u.province_code = $1 AND p.registered_by = $2 AND NOT p.is_repeat`;
const IMPORTED_SESSIONS = `
  SELECT s.id FROM reception_session s
  JOIN administrative_unit u ON u.code = s.unit_code
  WHERE u.province_code = $1 AND s.recorded_by = $2`;

/** Counts the cases and sessions of a province that `actor` imported in this level's database. */
export async function countImportedRecords(dataSource: DataSource, provinceCode: string, actor: string): Promise<ImportedCounts> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM (${IMPORTED_CASES}) c)::int AS cases, (SELECT count(*) FROM (${IMPORTED_SESSIONS}) s)::int AS sessions`,
    [provinceCode, actor],
  )) as ImportedCounts[];
  return row ?? { cases: 0, sessions: 0 };
}

/**
 * Deletes what `actor` imported for a province in this level's database — its cases with their
 * petitions, signers, attachments, suspensions, outbox messages and timelines, its sessions and
 * every visit of them or on those cases — in one transaction. Leaders stay (they are people, and
 * a later import finds them again by name). The timeline is append-only: its trigger is disabled
 * only inside this transaction, so no other session ever sees it off, and only the imported cases'
 * entries are deleted.
 */
export async function deleteImportedRecords(dataSource: DataSource, provinceCode: string, actor: string): Promise<ImportedCounts> {
  return dataSource.transaction(async (m) => {
    await m.query(`CREATE TEMP TABLE imported_case ON COMMIT DROP AS ${IMPORTED_CASES}`, [provinceCode, actor]);
    await m.query(`CREATE TEMP TABLE imported_session ON COMMIT DROP AS ${IMPORTED_SESSIONS}`, [provinceCode, actor]);
    await m.query(`ALTER TABLE imported_case ADD PRIMARY KEY (id)`);
    await m.query(`ALTER TABLE imported_session ADD PRIMARY KEY (id)`);
    const [counts] = (await m.query(`SELECT (SELECT count(*) FROM imported_case)::int AS cases, (SELECT count(*) FROM imported_session)::int AS sessions`)) as ImportedCounts[];
    await m.query(`DELETE FROM reception_visit WHERE session_id IN (SELECT id FROM imported_session) OR case_id IN (SELECT id FROM imported_case)`);
    await m.query(`DELETE FROM reception_session WHERE id IN (SELECT id FROM imported_session)`);
    for (const table of ["petitioner", "denouncer_identity", "petition_attachment"]) {
      await m.query(`DELETE FROM ${table} WHERE petition_id IN (SELECT id FROM petition WHERE case_id IN (SELECT id FROM imported_case))`);
    }
    for (const table of ["petition", "case_suspension", "outbox_message"]) {
      await m.query(`DELETE FROM ${table} WHERE case_id IN (SELECT id FROM imported_case)`);
    }
    await m.query(`ALTER TABLE case_event DISABLE TRIGGER case_event_no_update`);
    await m.query(`DELETE FROM case_event WHERE case_id IN (SELECT id FROM imported_case)`);
    await m.query(`ALTER TABLE case_event ENABLE TRIGGER case_event_no_update`);
    await m.query(`DELETE FROM kntc_case WHERE id IN (SELECT id FROM imported_case)`);
    return counts ?? { cases: 0, sessions: 0 };
  });
}
