import type { MigrationInterface, QueryRunner } from "typeorm";

/** What the statutory reports need beyond the case itself: the deadline a resolution was due by. */
export class Statistics1764700000000 implements MigrationInterface {
  name = "Statistics1764700000000";

  async up(q: QueryRunner): Promise<void> {
    // The resolution deadline at the moment of resolving: on time or late is decided against it.
    await q.query(`ALTER TABLE kntc_case ADD COLUMN resolution_due_on date`);
    await q.query(`CREATE INDEX idx_case_stats_accepted ON kntc_case (unit_code, kind, accepted_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_case_stats_accepted`);
    await q.query(`ALTER TABLE kntc_case DROP COLUMN resolution_due_on`);
  }
}

/** Statuses and first steps that decide a case's processing (01/XLD), in the order of the timeline. */
const PROCESSING_ACTIONS = `('ACCEPT', 'TRANSFER', 'GUIDE', 'URGE', 'ARCHIVE', 'REFUSE')`;

/**
 * Facts the reports filter on, kept on the case row so a period's figures read only the cases that
 * overlap the period through an index, instead of every case and its whole timeline:
 * - `resolved_on`: the day the case was resolved (decision, conclusion, withdrawal, termination),
 *   a generated column, so it can never disagree with the status and dates it comes from;
 * - `processed_on` / `processing_action`: the first processing decision of the timeline, set by a
 *   trigger in the same transaction as the event that records it.
 */
export class ReportFacts1764800000000 implements MigrationInterface {
  name = "ReportFacts1764800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kntc_case ADD COLUMN resolved_on date GENERATED ALWAYS AS (
        CASE WHEN status IN ('DECIDED', 'CONCLUDED') THEN decided_on
             WHEN status = 'RESOLVED' THEN closed_on
             WHEN status = 'WITHDRAWN' THEN withdrawn_on
             WHEN status = 'TERMINATED' THEN closed_on END) STORED`);
    await q.query(`ALTER TABLE kntc_case ADD COLUMN processed_on date, ADD COLUMN processing_action varchar(20)`);
    await q.query(`
      UPDATE kntc_case k SET processed_on = d.effective_on, processing_action = d.action
      FROM (SELECT DISTINCT ON (case_id) case_id, action, effective_on FROM case_event
            WHERE action IN ${PROCESSING_ACTIONS} ORDER BY case_id, id) d
      WHERE d.case_id = k.id`);
    await q.query(`
      CREATE FUNCTION case_processing_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE kntc_case SET processed_on = NEW.effective_on, processing_action = NEW.action
        WHERE id = NEW.case_id AND processed_on IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_processing_decision AFTER INSERT ON case_event
      FOR EACH ROW WHEN (NEW.action IN ${PROCESSING_ACTIONS}) EXECUTE FUNCTION case_processing_decision()`);
    // Cases of a kind that overlap a period: resolved in or after it, or not resolved.
    await q.query(`CREATE INDEX idx_case_report_resolution ON kntc_case (kind, resolved_on, accepted_on) WHERE accepted_on IS NOT NULL`);
    // Cases to process in a period: processed in or after it, or not processed.
    await q.query(`CREATE INDEX idx_case_report_processing ON kntc_case (processed_on, received_on)`);
    await q.query(`CREATE INDEX idx_petition_received ON petition (received_on)`);
    await q.query(`DROP INDEX idx_case_stats_accepted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_case_stats_accepted ON kntc_case (unit_code, kind, accepted_on)`);
    await q.query(`DROP INDEX idx_petition_received`);
    await q.query(`DROP INDEX idx_case_report_processing`);
    await q.query(`DROP INDEX idx_case_report_resolution`);
    await q.query(`DROP TRIGGER case_processing_decision ON case_event`);
    await q.query(`DROP FUNCTION case_processing_decision()`);
    await q.query(`ALTER TABLE kntc_case DROP COLUMN processing_action, DROP COLUMN processed_on, DROP COLUMN resolved_on`);
  }
}
