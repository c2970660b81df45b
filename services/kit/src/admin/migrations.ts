import type { MigrationInterface, QueryRunner } from "typeorm";

/** Administrative units and their reception bodies: the same tables at every level. */
export class AdministrativeUnits1764300000000 implements MigrationInterface {
  name = "AdministrativeUnits1764300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE administrative_unit (
        code varchar(10) PRIMARY KEY,
        level varchar(10) NOT NULL CHECK (level IN ('province', 'district', 'commune')),
        kind varchar(20) NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 250),
        search_text text NOT NULL,
        parent_code varchar(10),
        province_code varchar(10) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX idx_administrative_unit_search ON administrative_unit (search_text)`);
    await queryRunner.query(`CREATE INDEX idx_administrative_unit_parent ON administrative_unit (parent_code)`);
    await queryRunner.query(`CREATE INDEX idx_administrative_unit_province ON administrative_unit (province_code)`);
    await queryRunner.query(`
      CREATE TABLE reception_body (
        id varchar(60) PRIMARY KEY,
        unit_code varchar(10) NOT NULL REFERENCES administrative_unit (code) ON DELETE CASCADE,
        level varchar(10) NOT NULL CHECK (level IN ('province', 'district', 'commune')),
        kind varchar(30) NOT NULL,
        sector varchar(40),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 250),
        search_text text NOT NULL,
        position int NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX idx_reception_body_unit ON reception_body (unit_code, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reception_body`);
    await queryRunner.query(`DROP TABLE administrative_unit`);
  }
}
