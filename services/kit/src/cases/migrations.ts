import type { MigrationInterface, QueryRunner } from "typeorm";

/** Petitions, cases, their timeline, suspensions and the confidential denouncer identities. */
export class Cases1764400000000 implements MigrationInterface {
  name = "Cases1764400000000";

  async up(q: QueryRunner): Promise<void> {
    // Trigram similarity finds likely repeats of a matter ("one file per matter").
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(`
      CREATE TABLE kntc_case (
        id uuid PRIMARY KEY,
        level varchar(10) NOT NULL,
        body_id varchar(60) NOT NULL REFERENCES reception_body (id),
        unit_code varchar(10) NOT NULL REFERENCES administrative_unit (code),
        sector varchar(40),
        kind varchar(20) CHECK (kind IN ('COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION')),
        content_types text[] NOT NULL DEFAULT '{}',
        status varchar(20) NOT NULL,
        suspended_from varchar(20),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        respondent text CHECK (length(respondent) <= 500),
        respondent_search text,
        search_text text NOT NULL,
        field varchar(40),
        eligible boolean,
        ineligibility_reason varchar(40),
        within_competence boolean,
        signer_count int NOT NULL DEFAULT 1 CHECK (signer_count >= 0),
        anonymous boolean NOT NULL DEFAULT false,
        complex boolean NOT NULL DEFAULT false,
        complexity_reason text,
        remote_area boolean NOT NULL DEFAULT false,
        instance smallint CHECK (instance IN (1, 2)),
        received_on date NOT NULL,
        accepted_on date,
        closed_on date,
        due_on date,
        due_step varchar(40),
        due_rule_id varchar(60),
        on_hold boolean NOT NULL DEFAULT false,
        extensions smallint NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 2),
        repeat_count int NOT NULL DEFAULT 0,
        target_body_id varchar(60),
        decision_reason text,
        result varchar(30),
        decision_number varchar(60),
        decided_on date,
        dialogue_on date,
        published_on date,
        withdrawn_on date,
        withdrawn_after_persuasion boolean NOT NULL DEFAULT false,
        partial_withdrawals int NOT NULL DEFAULT 0,
        money_to_recover_vnd bigint NOT NULL DEFAULT 0 CHECK (money_to_recover_vnd >= 0),
        money_to_return_vnd bigint NOT NULL DEFAULT 0 CHECK (money_to_return_vnd >= 0),
        land_to_recover_m2 numeric(14, 2) NOT NULL DEFAULT 0 CHECK (land_to_recover_m2 >= 0),
        land_to_return_m2 numeric(14, 2) NOT NULL DEFAULT 0 CHECK (land_to_return_m2 >= 0),
        people_disciplined int NOT NULL DEFAULT 0 CHECK (people_disciplined >= 0),
        sent_to_investigation int NOT NULL DEFAULT 0 CHECK (sent_to_investigation >= 0),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_case_list ON kntc_case (received_on DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_case_body ON kntc_case (body_id, received_on DESC)`);
    await q.query(`CREATE INDEX idx_case_unit ON kntc_case (unit_code, received_on DESC)`);
    await q.query(`CREATE INDEX idx_case_due ON kntc_case (due_on) WHERE due_on IS NOT NULL`);
    await q.query(`CREATE INDEX idx_case_search ON kntc_case USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX idx_case_respondent ON kntc_case USING gin (respondent_search gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE petition (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES kntc_case (id),
        body_id varchar(60) NOT NULL REFERENCES reception_body (id),
        source varchar(30) NOT NULL,
        received_on date NOT NULL,
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 20000),
        respondent text,
        is_repeat boolean NOT NULL DEFAULT false,
        signer_count int NOT NULL,
        anonymous boolean NOT NULL DEFAULT false,
        search_text text NOT NULL,
        registered_by varchar(100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_petition_case ON petition (case_id, received_on)`);

    for (const table of ["petitioner", "denouncer_identity"]) {
      await q.query(`
        CREATE TABLE ${table} (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          petition_id uuid NOT NULL REFERENCES petition (id),
          full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
          search_name text NOT NULL,
          citizen_id varchar(12) CHECK (citizen_id ~ '^([0-9]{9}|[0-9]{12})$'),
          address text,
          phone varchar(20),
          position smallint NOT NULL
          ${table === "denouncer_identity" ? ", confidential boolean NOT NULL DEFAULT true CHECK (confidential)" : ""}
        )`);
      await q.query(`CREATE INDEX idx_${table}_petition ON ${table} (petition_id)`);
      await q.query(`CREATE INDEX idx_${table}_citizen ON ${table} (citizen_id) WHERE citizen_id IS NOT NULL`);
      await q.query(`CREATE INDEX idx_${table}_name ON ${table} USING gin (search_name gin_trgm_ops)`);
    }
    await q.query(`COMMENT ON TABLE denouncer_identity IS 'CONFIDENTIAL: identity of denouncers (Law on Denunciations 25/2018/QH14). Never export, log or transfer except to a body competent to resolve.'`);

    await q.query(`
      CREATE TABLE petition_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        petition_id uuid NOT NULL REFERENCES petition (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        media_type varchar(100) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX idx_attachment_petition ON petition_attachment (petition_id)`);

    await q.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES kntc_case (id),
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(100),
        action varchar(40) NOT NULL,
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        effective_on date NOT NULL,
        note text,
        changes jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX idx_case_event_case ON case_event (case_id, id)`);
    // The timeline is evidence: no one, not even the application, may rewrite it.
    await q.query(`
      CREATE FUNCTION case_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_event_no_update BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_immutable()`);

    await q.query(`
      CREATE TABLE case_suspension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES kntc_case (id),
        from_on date NOT NULL,
        to_on date CHECK (to_on IS NULL OR to_on >= from_on),
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_case_suspension_case ON case_suspension (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["case_suspension", "case_event", "petition_attachment", "denouncer_identity", "petitioner", "petition", "kntc_case"]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION case_event_immutable()`);
  }
}
