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
export async function insertMany<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: readonly Partial<T>[]): Promise<void> {
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
  const names = columns.map((c) => quote(c.databaseName));
  const aliases = columns.map((_, i) => `c${i}`);
  const sql =
    `INSERT INTO ${quote(metadata.tableName)} (${names.join(", ")}) ` +
    `SELECT ${casts.map((c, i) => (c.array ? `${aliases[i]}::text[]` : aliases[i])).join(", ")} ` +
    `FROM unnest(${casts.map((c, i) => `$${i + 1}::${c.element}[]`).join(", ")}) AS u(${aliases.join(", ")})`;
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
    await m.query(sql, params);
  }
}
