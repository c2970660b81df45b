import { randomBytes } from "node:crypto";

import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** Rows per INSERT statement: large enough to cost little per row, small enough to keep statements in memory. */
export const ROWS_PER_STATEMENT = 5000;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Types whose values never hold quotes, commas or braces: written into an array literal as they are. */
const PLAIN_TYPES = new Set(["uuid", "date", "integer", "int", "smallint", "bigint", "numeric", "boolean", "timestamp with time zone"]);

const quoteElement = (v: unknown): string => {
  const text = String(v);
  return text.includes('"') || text.includes("\\") ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
};

/**
 * A PostgreSQL array literal of a column's values, built here rather than by the driver (which
 * escapes every element): plain types as they are, text quoted.
 */
function arrayLiteral(values: readonly unknown[], plain: boolean): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i > 0 ? "," : "") + (v === null || v === undefined ? "NULL" : plain ? String(v) : quoteElement(v));
  }
  return `${out}}`;
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
      arrayLiteral(
        part.map((row) => {
          const raw = row[column.propertyName as keyof T] as unknown;
          const value = column.transformer && !Array.isArray(column.transformer) ? column.transformer.to(raw) : raw;
          if (value === null || value === undefined) {
            return null;
          }
          if (array) {
            return arrayLiteral(value as unknown[], false);
          }
          return element === "jsonb" ? JSON.stringify(value) : value;
        }),
        PLAIN_TYPES.has(element),
      ),
    );
    params.push(...extra.map((e) => arrayLiteral(part.map((_, i) => e.value(start + i)), PLAIN_TYPES.has(e.type))));
    await m.query(sql, params);
  }
}

let lastMs = 0;
let counter = 0;
// Random bits drawn 64 KiB at a time: one call to the system's generator per 8,192 ids.
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomPart(): Buffer {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(65_536);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.subarray(poolAt - 8, poolAt);
}

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
  const random = randomPart();
  const time = lastMs.toString(16).padStart(12, "0");
  // 12 bits of counter (version nibble 7 first), then the variant bits and random.
  const seq = (0x7000 | (counter & 0x0fff)).toString(16);
  const variant = ((random[0]! & 0x3f) | 0x80).toString(16).padStart(2, "0") + random.subarray(1, 2).toString("hex");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${seq}-${variant}-${random.subarray(2, 8).toString("hex")}`;
}
