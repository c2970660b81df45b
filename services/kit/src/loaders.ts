import DataLoader from "dataloader";

/**
 * A request-scoped loader of one row per key: all keys asked for in one tick are fetched with a
 * single query (`fetch` receives them all). Keys without a row resolve to null.
 */
export function keyedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * A request-scoped loader of many rows per key (a list field such as `District.communes`): one
 * query per batch of parents, rows kept in the order `fetch` returns them.
 */
export function groupedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      groups.get(keyOf(row))?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
