import type { DataSource } from "typeorm";

import type { Level } from "../config";
import { receptionBodiesFor } from "./bodies";
import { type Gazetteer, unitsOfLevel } from "./gazetteer";

/** What a seed run did. */
export interface SeedResult {
  units: number;
  bodies: number;
}

const BATCH = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Loads one level's units of a gazetteer, and their reception bodies, into the level's database.
 * Idempotent: rows that exist already are left as they are (ON CONFLICT DO NOTHING), so a restart
 * or a second load never duplicates or overwrites anything.
 */
export async function seedLevel(
  dataSource: DataSource,
  level: Level,
  gazetteer: Gazetteer,
  onProgress?: (done: number, total: number) => void,
): Promise<SeedResult> {
  const units = unitsOfLevel(gazetteer, level);
  const result: SeedResult = { units: 0, bodies: 0 };
  let done = 0;
  for (const batch of chunks(units, BATCH)) {
    await dataSource.transaction(async (manager) => {
      const inserted: { code: string }[] = await manager.query(
        `INSERT INTO administrative_unit (code, level, kind, name, full_name, search_text, parent_code, province_code)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::text[], $7::varchar[], $8::varchar[])
         ON CONFLICT (code) DO NOTHING
         RETURNING code`,
        [
          batch.map((u) => u.code),
          batch.map((u) => u.level),
          batch.map((u) => u.kind),
          batch.map((u) => u.name),
          batch.map((u) => u.fullName),
          batch.map((u) => u.searchText),
          batch.map((u) => u.parentCode),
          batch.map((u) => u.provinceCode),
        ],
      );
      result.units += inserted.length;
      const bodies = batch.flatMap(receptionBodiesFor);
      for (const part of chunks(bodies, BATCH)) {
        const rows: { id: string }[] = await manager.query(
          `INSERT INTO reception_body (id, unit_code, level, kind, sector, name, search_text, position)
           SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::text[], $8::int[])
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          [
            part.map((b) => b.id),
            part.map((b) => b.unitCode),
            part.map((b) => b.level),
            part.map((b) => b.kind),
            part.map((b) => b.sector),
            part.map((b) => b.name),
            part.map((b) => b.searchText),
            part.map((b) => b.position),
          ],
        );
        result.bodies += rows.length;
      }
    });
    done += batch.length;
    onProgress?.(done, units.length);
  }
  return result;
}
