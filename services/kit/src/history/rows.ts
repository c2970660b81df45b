import { randomBytes } from "node:crypto";

import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** Rows per INSERT statement: large enough to cost little per row, small enough to keep statements in memory. */
export const ROWS_PER_STATEMENT = 5000;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A PostgreSQL array literal of text values, for a column that is itself an array. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
}

/**
 * Inserts many rows of an entity with one statement per `ROWS_PER_STATEMENT` rows: one array
 * parameter per column, zipped back into rows by `unnest` on the server. The columns are the
 * entity's own (TypeORM metadata), so the rows have the shape the services write; columns a row
 * leaves out (generated ids, creation times) get their database defaults.
 */
export async function insertMany<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
  /** Columns the entity does not map (kept by the database for the reports), with their values. */
  extra: readonly { column: string; type: string; value: (index: number) => unknown }[] = [],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const metadata = m.connection.getMetadata(entity);
  const first = rows[0]!;
  const columns = metadata.columns.filter((c) => c.isInsert && first[c.propertyName as keyof T] !== undefined);
  const casts = columns.map((c) => {
    // The server's own name of the type; fixed-length char goes as text (a bare "character" would be char(1)).
    const type = m.connection.driver.normalizeType(c);
    return { column: c, array: c.isArray, element: c.isArray || type === "character" || type === "char" ? "text" : type };
  });
  const names = [...columns.map((c) => quote(c.databaseName)), ...extra.map((e) => quote(e.column))];
  const types = [...casts.map((c) => c.element), ...extra.map((e) => e.type)];
  const aliases = names.map((_, i) => `c${i}`);
  const sql =
    `INSERT INTO ${quote(metadata.tableName)} (${names.join(", ")}) ` +
    `SELECT ${aliases.map((a, i) => (casts[i]?.array ? `${a}::text[]` : a)).join(", ")} ` +
    `FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")}) AS u(${aliases.join(", ")})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const part = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params = casts.map(({ column, array, element }) =>
      part.map((row) => {
        const raw = row[column.propertyName as keyof T] as unknown;
        const value = column.transformer && !Array.isArray(column.transformer) ? column.transformer.to(raw) : raw;
        if (value === null || value === undefined) {
          return null;
        }
        if (array) {
          return arrayLiteral(value as unknown[]);
        }
        return element === "jsonb" ? JSON.stringify(value) : value;
      }),
    );
    params.push(...extra.map((e) => part.map((_, i) => e.value(start + i) ?? null)));
    await m.query(sql, params);
  }
}

let lastMs = 0;
let counter = 0;

/**
 * A time-ordered UUID (version 7 layout: milliseconds, then a counter and random bits). Rows
 * written in bulk get ids in insertion order, so their primary-key and foreign-key indexes grow at
 * the right edge instead of at random pages; any UUID column takes them.
 */
export function orderedUuid(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1;
  }
  const random = randomBytes(8);
  const time = lastMs.toString(16).padStart(12, "0");
  // 12 bits of counter (version nibble 7 first), then the variant bits and random.
  const seq = (0x7000 | (counter & 0x0fff)).toString(16);
  const variant = ((random[0]! & 0x3f) | 0x80).toString(16).padStart(2, "0") + random.subarray(1, 2).toString("hex");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${seq}-${variant}-${random.subarray(2, 8).toString("hex")}`;
}
