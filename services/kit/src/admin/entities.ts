import { Column, Entity, PrimaryColumn } from "typeorm";

import type { Level } from "../config";

/**
 * A unit of the administrative hierarchy (province, district or commune), with the statistics
 * office's code. Each level's database holds the units of that level. Tables and indexes are
 * defined by the migrations (`migrations.ts`), never synchronised from these classes.
 */
@Entity("administrative_unit")
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: "varchar", length: 10 })
  code!: string;

  @Column({ type: "varchar", length: 10 })
  level!: Level;

  /** A `UnitKind` value (RURAL_DISTRICT, WARD, ...). */
  @Column({ type: "varchar", length: 20 })
  kind!: string;

  /** Name without the kind: "Đông Thành". */
  @Column({ type: "text" })
  name!: string;

  /** Name with the kind, as written on documents: "Phường Đông Thành". */
  @Column({ name: "full_name", type: "text" })
  fullName!: string;

  /** `fullName` folded for diacritics-insensitive search. */
  @Column({ name: "search_text", type: "text" })
  searchText!: string;

  /** Code of the unit directly above (district for a commune; province in the two-level structure). */
  @Column({ name: "parent_code", type: "varchar", length: 10, nullable: true })
  parentCode!: string | null;

  /** Code of the province the unit belongs to (its own code for a province). */
  @Column({ name: "province_code", type: "varchar", length: 10 })
  provinceCode!: string;
}

/** A body that receives citizens and decides on petitions: a People's Committee, a department, ... */
@Entity("reception_body")
export class ReceptionBodyEntity {
  /** `<unit code>.<body slug>`, e.g. "37.ubnd", "369.phong-tnmt": stable across reloads. */
  @PrimaryColumn({ type: "varchar", length: 60 })
  id!: string;

  @Column({ name: "unit_code", type: "varchar", length: 10 })
  unitCode!: string;

  @Column({ type: "varchar", length: 10 })
  level!: Level;

  /** A `ReceptionBodyKind` value. */
  @Column({ type: "varchar", length: 30 })
  kind!: string;

  /** A `Sector` value for specialised agencies; null for general bodies. */
  @Column({ type: "varchar", length: 40, nullable: true })
  sector!: string | null;

  @Column({ type: "text" })
  name!: string;

  @Column({ name: "search_text", type: "text" })
  searchText!: string;

  /** Display order within the unit. */
  @Column({ type: "int", default: 0 })
  position!: number;
}
