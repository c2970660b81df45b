import { badInput } from "../errors";
import { UUID, isValidDate } from "./validation";

/** How a case list is ordered. */
export enum CaseOrder {
  RECEIVED_DESC = "RECEIVED_DESC",
  RECEIVED_ASC = "RECEIVED_ASC",
  DAYS_LATE_DESC = "DAYS_LATE_DESC",
  DUE_ASC = "DUE_ASC",
}

/** The case fields that order keys read: what a cursor must remember of the case it points at. */
export interface OrderedCase {
  id: string;
  receivedOn: string;
  dueOn: string | null;
  onHold: boolean;
}

/** A key value as carried in a cursor and bound as a query parameter. */
type KeyValue = string | boolean;

interface KeyPart {
  /** SQL over the case alias `c`; never null, since a row comparison with a null is never true. */
  sql: string;
  type: "date" | "boolean" | "uuid";
  /** A date that may be 'infinity' (no date). */
  infinite?: true;
  of: (c: OrderedCase) => KeyValue;
}

/** The sort key of an order: its parts, compared as one row, all in one direction. */
export interface OrderKey {
  direction: "ASC" | "DESC";
  parts: readonly KeyPart[];
}

const RECEIVED: KeyPart = { sql: "c.received_on", type: "date", of: (c) => c.receivedOn };
// 'infinity' sorts after every date: cases without a due date come last.
const DUE: KeyPart = { sql: "COALESCE(c.due_on, CAST('infinity' AS date))", type: "date", infinite: true, of: (c) => c.dueOn ?? "infinity" };
// The id breaks ties, so every case has one place in the list and no page repeats or skips one.
const ID: KeyPart = { sql: "c.id", type: "uuid", of: (c) => c.id };

/**
 * The keys of the orders (the indexes that serve them: migration `CaseListOrders1764870000000`).
 * DAYS_LATE_DESC follows `daysLate` without reading today: a running case is later the older its
 * due date, a case on hold is 0 days late (after every running case), a case without a due date has
 * none (last). So the key stays the same from one day to the next, a cursor stays valid across
 * midnight, and an index can serve it.
 */
export const ORDER_KEYS: Readonly<Record<CaseOrder, OrderKey>> = {
  [CaseOrder.RECEIVED_DESC]: { direction: "DESC", parts: [RECEIVED, ID] },
  [CaseOrder.RECEIVED_ASC]: { direction: "ASC", parts: [RECEIVED, ID] },
  [CaseOrder.DUE_ASC]: { direction: "ASC", parts: [DUE, ID] },
  [CaseOrder.DAYS_LATE_DESC]: {
    direction: "ASC",
    parts: [
      { sql: "(c.due_on IS NULL)", type: "boolean", of: (c) => c.dueOn === null },
      { sql: "c.on_hold", type: "boolean", of: (c) => c.onHold },
      DUE,
      ID,
    ],
  },
};

/** A decoded cursor: the key values of the case it points at, in the order's key. */
export interface CursorKey {
  order: CaseOrder;
  values: KeyValue[];
}

const SEPARATOR = "|";

/** The opaque cursor of a case in a list of the given order: the order's name and the case's key. */
export function encodeCursor(order: CaseOrder, c: OrderedCase): string {
  const values = ORDER_KEYS[order].parts.map((part) => String(part.of(c)));
  return Buffer.from([order, ...values].join(SEPARATOR), "utf8").toString("base64url");
}

function parseValue(part: KeyPart, text: string): KeyValue | undefined {
  if (part.type === "boolean") {
    return text === "true" ? true : text === "false" ? false : undefined;
  }
  if (part.type === "uuid") {
    return UUID.test(text) ? text.toLowerCase() : undefined;
  }
  return isValidDate(text) || (part.infinite && text === "infinity") ? text : undefined;
}

/**
 * Reads a cursor for a list of `order`. A cursor of another order is refused with BAD_USER_INPUT
 * on `after` naming both orders (its key means nothing in this one), as is anything this list did
 * not return. Cursors from before list orders existed (`date|id`) are newest-receipt-first ones.
 */
export function decodeCursor(order: CaseOrder, cursor: string): CursorKey {
  const notOurs = (): never => {
    throw badInput("after", "is not a cursor returned by this list: pass pageInfo.endCursor of the previous page");
  };
  let fields = Buffer.from(cursor, "base64url").toString("utf8").split(SEPARATOR);
  if (fields.length === 2 && isValidDate(fields[0]!)) {
    fields = [CaseOrder.RECEIVED_DESC, ...fields];
  }
  const [tag, ...rest] = fields;
  if (!tag || !(tag in ORDER_KEYS)) {
    return notOurs();
  }
  if (tag !== order) {
    throw badInput("after", `is a cursor of the list ordered by ${tag}, not ${order}: ask for the first page again with this order`);
  }
  const parts = ORDER_KEYS[order].parts;
  if (rest.length !== parts.length) {
    return notOurs();
  }
  const values = parts.map((part, i) => parseValue(part, rest[i]!));
  if (values.some((v) => v === undefined)) {
    return notOurs();
  }
  return { order, values: values as KeyValue[] };
}

/** `ORDER BY` terms of an order: SQL over the case alias `c`, and the direction. */
export function orderTerms(order: CaseOrder): { sql: string; direction: "ASC" | "DESC" }[] {
  const key = ORDER_KEYS[order];
  return key.parts.map((part) => ({ sql: part.sql, direction: key.direction }));
}

/**
 * The keyset condition "strictly after the cursor's case in its order": one row comparison over the
 * key, so the database walks the order's index from the cursor instead of counting an offset.
 */
export function keysetAfter(after: CursorKey): { where: string; params: Record<string, KeyValue> } {
  const key = ORDER_KEYS[after.order];
  const params: Record<string, KeyValue> = {};
  const bound = key.parts.map((part, i) => {
    params[`after${i}`] = after.values[i]!;
    return `CAST(:after${i} AS ${part.type})`;
  });
  const comparison = key.direction === "ASC" ? ">" : "<";
  return { where: `(${key.parts.map((p) => p.sql).join(", ")}) ${comparison} (${bound.join(", ")})`, params };
}
