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
