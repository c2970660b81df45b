import type { MigrationInterface, QueryRunner } from "typeorm";

/** Transfers between bodies: the sender's outbox, the receiver's processed-message log, journeys. */
export class Transfers1764600000000 implements MigrationInterface {
  name = "Transfers1764600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kntc_case ADD COLUMN journey jsonb NOT NULL DEFAULT '[]'`);
    // Where a transferred case came from; null for a case first received here.
    await q.query(`ALTER TABLE kntc_case ADD COLUMN transferred_from jsonb`);
    // The idempotency key of the message that created the case: a duplicate delivery finds it.
    await q.query(`ALTER TABLE kntc_case ADD COLUMN origin_message_id uuid UNIQUE`);
    await q.query(`ALTER TABLE kntc_case ADD COLUMN inbox_state varchar(12) CHECK (inbox_state IN ('PENDING', 'ACCEPTED', 'RETURNED'))`);
    await q.query(`ALTER TABLE kntc_case ADD COLUMN first_instance jsonb`);
    await q.query(`CREATE INDEX idx_case_inbox ON kntc_case (body_id, received_on DESC) WHERE inbox_state = 'PENDING'`);
    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        kind varchar(20) NOT NULL CHECK (kind IN ('TRANSFER', 'REPORT')),
        case_id uuid NOT NULL REFERENCES kntc_case (id),
        target_level varchar(10) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'REJECTED')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        response jsonb
      )`);
    await q.query(`CREATE INDEX idx_outbox_due ON outbox_message (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX idx_outbox_case ON outbox_message (case_id)`);
    await q.query(`
      CREATE TABLE inbox_message (
        id uuid PRIMARY KEY,
        kind varchar(20) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        result jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_message`);
    await q.query(`DROP TABLE outbox_message`);
    for (const column of ["journey", "transferred_from", "origin_message_id", "inbox_state", "first_instance"]) {
      await q.query(`ALTER TABLE kntc_case DROP COLUMN ${column}`);
    }
  }
}
