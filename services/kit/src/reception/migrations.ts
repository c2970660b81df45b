import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Reception sessions and visits, leaders and their scheduled days. The checks mirror `rules.ts`
 * (modes, hosts, large groups and representatives, outcomes); the indexes serve the session list
 * (by body and date, or by date), the visits of a session, and the compliance check (a leader's
 * sessions and scheduled days in a month).
 */
export class Reception1764500000000 implements MigrationInterface {
  name = "Reception1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reception_leader (
        id uuid PRIMARY KEY,
        body_id varchar(60) NOT NULL REFERENCES reception_body (id),
        unit_code varchar(10) NOT NULL REFERENCES administrative_unit (code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        role varchar(20) NOT NULL CHECK (role IN ('CHAIRMAN', 'PARTY_SECRETARY', 'AGENCY_HEAD')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_reception_leader_unit ON reception_leader (unit_code, role)`);
    await q.query(`CREATE INDEX idx_reception_leader_body ON reception_leader (body_id)`);

    await q.query(`
      CREATE TABLE reception_session (
        id uuid PRIMARY KEY,
        body_id varchar(60) NOT NULL REFERENCES reception_body (id),
        unit_code varchar(10) NOT NULL REFERENCES administrative_unit (code),
        date date NOT NULL CHECK (date >= DATE '2010-01-01'),
        mode varchar(20) NOT NULL CHECK (mode IN ('REGULAR', 'PERIODIC', 'UNSCHEDULED')),
        host varchar(20) CHECK (host IN ('IN_PERSON', 'DELEGATED', 'PARTY_SECRETARY')),
        host_name text CHECK (length(host_name) BETWEEN 1 AND 100),
        host_title text CHECK (length(host_title) BETWEEN 1 AND 200),
        leader_id uuid REFERENCES reception_leader (id),
        recorded_by varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- The desk holds regular sessions (no host, no leader); the others always name a host.
        CONSTRAINT reception_session_host CHECK ((mode = 'REGULAR') = (host IS NULL)),
        CONSTRAINT reception_session_regular_leader CHECK (mode <> 'REGULAR' OR leader_id IS NULL)
      )`);
    await q.query(`CREATE INDEX idx_reception_session_body ON reception_session (body_id, date DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_reception_session_date ON reception_session (date DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_reception_session_leader ON reception_session (leader_id, date) WHERE leader_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE reception_visit (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES reception_session (id),
        persons int NOT NULL CHECK (persons BETWEEN 1 AND 10000),
        representatives int NOT NULL DEFAULT 0,
        large_group boolean GENERATED ALWAYS AS (persons >= 5) STORED,
        repeat_visit boolean NOT NULL DEFAULT false,
        case_id uuid REFERENCES kntc_case (id),
        petition_id uuid REFERENCES petition (id),
        outcome varchar(30) NOT NULL CHECK (outcome IN ('RECEIVED_FOR_PROCESSING', 'GUIDED', 'TOLD_RESOLVED', 'REFUSED_WITH_NOTICE')),
        note text CHECK (length(note) <= 4000),
        recorded_by varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Below 5 persons no representatives; 5-10 name 1-2; more than 10 name 1-5.
        CONSTRAINT reception_visit_representatives CHECK (
          (persons < 5 AND representatives = 0)
          OR (persons BETWEEN 5 AND 10 AND representatives BETWEEN 1 AND 2)
          OR (persons > 10 AND representatives BETWEEN 1 AND 5)
        ),
        CONSTRAINT reception_visit_petition CHECK (
          petition_id IS NULL OR (outcome = 'RECEIVED_FOR_PROCESSING' AND case_id IS NOT NULL)
        ),
        CONSTRAINT reception_visit_refusal CHECK (outcome <> 'REFUSED_WITH_NOTICE' OR (repeat_visit AND note IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_reception_visit_session ON reception_visit (session_id, created_at)`);
    await q.query(`CREATE INDEX idx_reception_visit_case ON reception_visit (case_id) WHERE case_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE reception_schedule (
        id uuid PRIMARY KEY,
        leader_id uuid NOT NULL REFERENCES reception_leader (id),
        date date NOT NULL CHECK (date >= DATE '2010-01-01'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reception_schedule_once UNIQUE (leader_id, date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["reception_schedule", "reception_visit", "reception_session", "reception_leader"]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
