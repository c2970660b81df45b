import { GraphQLError } from "graphql";

import { daysLate } from "../domain/deadlines/due";
import { CaseOrder, ORDER_KEYS, type OrderedCase, decodeCursor, encodeCursor, keysetAfter, orderTerms } from "./order";

const ORDERS = Object.values(CaseOrder);

/** A small PRNG, so that the generated lists are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cases(n: number, seed: number): OrderedCase[] {
  const random = mulberry32(seed);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join("");
  // Few distinct dates, so that ties (broken by the id) are frequent.
  const date = () => `2026-0${1 + Math.floor(random() * 3)}-1${Math.floor(random() * 3)}`;
  return Array.from({ length: n }, () => ({
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    receivedOn: date(),
    dueOn: random() < 0.3 ? null : date(),
    onHold: random() < 0.2,
  }));
}

/** How PostgreSQL compares the key: false before true, dates as text with 'infinity' last, uuids as lower-case hex. */
function compareKeys(order: CaseOrder, a: OrderedCase, b: OrderedCase): number {
  const key = ORDER_KEYS[order];
  for (const part of key.parts) {
    const x = String(part.of(a));
    const y = String(part.of(b));
    if (x !== y) {
      const less = x === "infinity" ? false : y === "infinity" ? true : x < y;
      return (less ? -1 : 1) * (key.direction === "ASC" ? 1 : -1);
    }
  }
  return 0;
}

/** Pages through `all` the way the repository does: sort, keep what is after the cursor, take `size`. */
function pageThrough(order: CaseOrder, all: OrderedCase[], size: number): OrderedCase[] {
  const seen: OrderedCase[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < all.length + 2; guard += 1) {
    const cursor = after ? decodeCursor(order, after) : null;
    const rest = [...all]
      .filter((c) => !cursor || compareKeys(order, c, fromKey(order, cursor.values)) > 0)
      .sort((a, b) => compareKeys(order, a, b));
    const page = rest.slice(0, size);
    seen.push(...page);
    if (rest.length <= size) {
      return seen;
    }
    after = encodeCursor(order, page.at(-1)!);
  }
  throw new Error("paging did not end");
}

/** A case with exactly a cursor's key values (the parts the key reads). */
function fromKey(order: CaseOrder, values: (string | boolean)[]): OrderedCase {
  const c: OrderedCase = { id: "", receivedOn: "", dueOn: null, onHold: false };
  ORDER_KEYS[order].parts.forEach((part, i) => {
    const v = values[i]!;
    if (part.sql === "c.id") {
      c.id = String(v);
    } else if (part.sql === "c.received_on") {
      c.receivedOn = String(v);
    } else if (part.sql === "c.on_hold") {
      c.onHold = v === true;
    } else if (part.sql.startsWith("COALESCE")) {
      c.dueOn = v === "infinity" ? null : String(v);
    }
  });
  return c;
}

function errorOf(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("no error");
}

describe("case list orders", () => {
  const sample: OrderedCase = { id: "0b7e4c6a-2f1d-4e8b-9a3c-5d6e7f809a1b", receivedOn: "2026-03-02", dueOn: null, onHold: false };

  it.each(ORDERS)("%s: a cursor reads back as the case's key", (order) => {
    const key = decodeCursor(order, encodeCursor(order, sample));
    expect(key.order).toBe(order);
    expect(key.values).toEqual(ORDER_KEYS[order].parts.map((p) => p.of(sample)));
  });

  it("refuses a cursor of another order, naming both", () => {
    for (const from of ORDERS) {
      for (const to of ORDERS.filter((o) => o !== from)) {
        const error = errorOf(() => decodeCursor(to, encodeCursor(from, sample)));
        expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field: "after" });
        expect(error.message).toBe(`after: is a cursor of the list ordered by ${from}, not ${to}: ask for the first page again with this order`);
      }
    }
  });

  it("refuses what no list returned", () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    const id = sample.id;
    const wrong: [CaseOrder, string][] = [
      [CaseOrder.RECEIVED_DESC, ""],
      [CaseOrder.RECEIVED_DESC, "nope"],
      [CaseOrder.RECEIVED_DESC, b64(`SOMETHING|2026-01-01|${id}`)],
      [CaseOrder.DUE_ASC, b64("DUE_ASC|2026-01-01")],
      [CaseOrder.DUE_ASC, b64(`DUE_ASC|tomorrow|${id}`)],
      [CaseOrder.DUE_ASC, b64("DUE_ASC|2026-01-01|not-a-uuid")],
      [CaseOrder.RECEIVED_ASC, b64(`RECEIVED_ASC|infinity|${id}`)],
      [CaseOrder.RECEIVED_ASC, b64(`RECEIVED_ASC|2026-02-30|${id}`)],
      [CaseOrder.DAYS_LATE_DESC, b64(`DAYS_LATE_DESC|yes|false|2026-01-01|${id}`)],
    ];
    for (const [order, cursor] of wrong) {
      const error = errorOf(() => decodeCursor(order, cursor));
      expect({ cursor, extensions: error.extensions, message: error.message }).toEqual({
        cursor,
        extensions: { code: "BAD_USER_INPUT", field: "after" },
        message: "after: is not a cursor returned by this list: pass pageInfo.endCursor of the previous page",
      });
    }
  });

  it("reads cursors from before list orders as newest-receipt-first ones", () => {
    const legacy = Buffer.from(`2026-03-02|${sample.id}`).toString("base64url");
    expect(decodeCursor(CaseOrder.RECEIVED_DESC, legacy)).toEqual({ order: CaseOrder.RECEIVED_DESC, values: ["2026-03-02", sample.id] });
    expect(errorOf(() => decodeCursor(CaseOrder.DUE_ASC, legacy)).message).toMatch(/ordered by RECEIVED_DESC, not DUE_ASC/);
  });

  it("compares the whole key as one row, in the order's direction, with typed parameters", () => {
    const key = decodeCursor(CaseOrder.DAYS_LATE_DESC, encodeCursor(CaseOrder.DAYS_LATE_DESC, { ...sample, dueOn: "2026-04-01", onHold: true }));
    expect(keysetAfter(key)).toEqual({
      where: "((c.due_on IS NULL), c.on_hold, COALESCE(c.due_on, CAST('infinity' AS date)), c.id) > (CAST(:after0 AS boolean), CAST(:after1 AS boolean), CAST(:after2 AS date), CAST(:after3 AS uuid))",
      params: { after0: false, after1: true, after2: "2026-04-01", after3: sample.id },
    });
    expect(keysetAfter(decodeCursor(CaseOrder.RECEIVED_DESC, encodeCursor(CaseOrder.RECEIVED_DESC, sample))).where).toBe(
      "(c.received_on, c.id) < (CAST(:after0 AS date), CAST(:after1 AS uuid))",
    );
    expect(orderTerms(CaseOrder.RECEIVED_ASC)).toEqual([
      { sql: "c.received_on", direction: "ASC" },
      { sql: "c.id", direction: "ASC" },
    ]);
  });

  it.each(ORDERS)("%s: paging with cursors gives every case once, in the order of the whole list", (order) => {
    const all = cases(57, 7);
    const sorted = [...all].sort((a, b) => compareKeys(order, a, b));
    for (const size of [1, 2, 5, 56, 57, 100]) {
      expect(pageThrough(order, all, size).map((c) => c.id)).toEqual(sorted.map((c) => c.id));
    }
  });

  it("orders DAYS_LATE_DESC by days late, most first, whatever the day (cases without a due date last)", () => {
    const sorted = cases(80, 11).sort((a, b) => compareKeys(CaseOrder.DAYS_LATE_DESC, a, b));
    for (const today of ["2026-01-01", "2026-02-11", "2026-03-31"]) {
      const late = sorted.map((c) => (c.dueOn === null ? -1 : daysLate(c.dueOn, today, c.onHold)));
      expect(late).toEqual([...late].sort((a, b) => b - a));
    }
    const firstWithout = sorted.findIndex((c) => c.dueOn === null);
    expect(sorted.slice(firstWithout).every((c) => c.dueOn === null)).toBe(true);
  });

  it("orders DUE_ASC by due date, on hold or not, cases without a due date last", () => {
    const sorted = cases(80, 13).sort((a, b) => compareKeys(CaseOrder.DUE_ASC, a, b));
    const due = sorted.map((c) => c.dueOn ?? "9999-12-31");
    expect(due).toEqual([...due].sort());
  });
});
