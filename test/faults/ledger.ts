import type { Level } from "@tiepdan/kit";

/** Something that runs SQL on one level's database (a TypeORM data source will do). */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

interface HopRow {
  id: string;
  status: string;
  toCaseId: string | null;
  fromCaseId: string;
}

interface TransferRow {
  id: string;
  case_id: string;
  target_level: Level;
  status: string;
  attempts: number;
  response_case: string | null;
  to_body: string;
}

interface ReceivedRow {
  id: string;
  body_id: string;
  origin_message_id: string;
  from_case: string | null;
  from_level: Level | null;
  inbox_state: string | null;
  journey: HopRow[];
}

/** What the databases say about every transfer, once the outboxes are drained. */
export interface Ledger {
  /** TRANSFER messages committed in senders' outboxes (what the platform promised to deliver). */
  transfers: number;
  reports: number;
  /** Committed transfers with no case at the receiver. */
  lost: number;
  /** Transfers with more than one case at the receiver, or a case sent twice without having come back. */
  duplicated: number;
  /** Receiver cases whose message no sender has. */
  orphans: number;
  /** Messages still PENDING. */
  undelivered: number;
  /** Delivered messages the receiver has no inbox record of, or inbox records no sender sent. */
  inboxMismatches: number;
  /** Hops the sender still shows in transit, with another case, or behind the receiver's state. */
  staleJourneys: number;
  maxAttempts: number;
  /** Attempts beyond the first, summed over every message. */
  retries: number;
  /** The first problems found, readable. */
  problems: string[];
}

const LEVELS: readonly Level[] = ["province", "district", "commune"];

/** The hop status the sender must show once the receiver's news has reached it. */
const EXPECTED_HOP: Record<string, string> = { PENDING: "DELIVERED", ACCEPTED: "ACCEPTED", RETURNED: "RETURNED" };

/**
 * Counts, from every level's database, what became of every message: each committed transfer must
 * have exactly one case at its receiver (found by `origin_message_id` = hop id), recorded as
 * delivered at the sender with that case's id; no receiver case may lack a sender; every delivered
 * message must have been processed once by its receiver (`inbox_message`).
 */
export async function readLedger(dbs: Readonly<Record<Level, Sql>>): Promise<Ledger> {
  const transfers = new Map<Level, TransferRow[]>();
  const reports = new Map<Level, { id: string; target_level: Level; status: string; attempts: number }[]>();
  const received = new Map<Level, ReceivedRow[]>();
  const journeys = new Map<Level, Map<string, HopRow[]>>();
  const inbox = new Map<Level, Set<string>>();
  for (const level of LEVELS) {
    const db = dbs[level];
    transfers.set(
      level,
      (await db.query(
        `SELECT id, case_id, target_level, status, attempts, response->>'caseId' AS response_case, payload->'hop'->>'toBodyId' AS to_body
         FROM outbox_message WHERE kind = 'TRANSFER'`,
      )) as TransferRow[],
    );
    reports.set(level, (await db.query(`SELECT id, target_level, status, attempts FROM outbox_message WHERE kind = 'REPORT'`)) as never);
    received.set(
      level,
      (await db.query(
        `SELECT id, body_id, origin_message_id, transferred_from->>'caseId' AS from_case, transferred_from->>'level' AS from_level, inbox_state, journey
         FROM kntc_case WHERE origin_message_id IS NOT NULL`,
      )) as ReceivedRow[],
    );
    const rows = (await db.query(`SELECT id, journey FROM kntc_case WHERE journey <> '[]'::jsonb`)) as { id: string; journey: HopRow[] }[];
    journeys.set(level, new Map(rows.map((r) => [r.id, r.journey])));
    inbox.set(level, new Set(((await db.query(`SELECT id FROM inbox_message`)) as { id: string }[]).map((r) => r.id)));
  }

  const problems: string[] = [];
  const note = (line: string): void => {
    if (problems.length < 25) {
      problems.push(line);
    }
  };
  const ledger: Ledger = {
    transfers: 0, reports: 0, lost: 0, duplicated: 0, orphans: 0, undelivered: 0, inboxMismatches: 0, staleJourneys: 0, maxAttempts: 0, retries: 0, problems,
  };

  const receivedById = new Map<string, (ReceivedRow & { level: Level })[]>();
  for (const level of LEVELS) {
    for (const r of received.get(level)!) {
      const list = receivedById.get(r.origin_message_id) ?? [];
      list.push({ ...r, level });
      receivedById.set(r.origin_message_id, list);
    }
  }
  const sentIds = new Map<Level, Set<string>>(LEVELS.map((l) => [l, new Set<string>()]));

  for (const from of LEVELS) {
    const perCase = new Map<string, number>();
    for (const t of transfers.get(from)!) {
      ledger.transfers += 1;
      ledger.maxAttempts = Math.max(ledger.maxAttempts, t.attempts);
      ledger.retries += Math.max(0, t.attempts - 1);
      sentIds.get(t.target_level)?.add(t.id);
      perCase.set(t.case_id, (perCase.get(t.case_id) ?? 0) + 1);
      const tag = `${from} case ${t.case_id} → ${t.target_level} ${t.to_body} (hop ${t.id})`;
      if (t.status !== "DELIVERED") {
        ledger.undelivered += 1;
        note(`undelivered after ${t.attempts} attempts: ${tag}`);
      }
      const at = receivedById.get(t.id) ?? [];
      if (at.length === 0) {
        ledger.lost += 1;
        note(`lost: ${tag}`);
        continue;
      }
      if (at.length > 1) {
        ledger.duplicated += at.length - 1;
        note(`duplicated ×${at.length}: ${tag}`);
      }
      const r = at[0]!;
      if (r.level !== t.target_level || r.body_id !== t.to_body || r.from_case !== t.case_id) {
        note(`misrouted: ${tag} arrived as ${r.level} case ${r.id} at ${r.body_id} from ${r.from_case}`);
        ledger.staleJourneys += 1;
      }
      if (t.status === "DELIVERED" && t.response_case !== r.id) {
        ledger.staleJourneys += 1;
        note(`sender recorded case ${t.response_case} for ${tag}, the receiver has ${r.id}`);
      }
      const hop = journeys.get(from)!.get(t.case_id)?.find((h) => h.id === t.id);
      const expected = EXPECTED_HOP[r.inbox_state ?? "PENDING"] ?? "DELIVERED";
      if (!hop || hop.toCaseId !== r.id || hop.status !== expected) {
        ledger.staleJourneys += 1;
        note(`sender journey shows ${hop ? `${hop.status} → ${hop.toCaseId}` : "no hop"}, expected ${expected} → ${r.id}: ${tag}`);
      }
      if (!r.journey.some((h) => h.id === t.id && h.toCaseId === r.id)) {
        ledger.staleJourneys += 1;
        note(`receiver case ${r.id} does not know its own arrival hop: ${tag}`);
      }
    }
    // A case leaves once; it may leave again only after it came back (returned).
    for (const [caseId, count] of perCase) {
      const returned = (journeys.get(from)!.get(caseId) ?? []).filter((h) => h.fromCaseId === caseId && h.status === "RETURNED").length;
      if (count > 1 + returned) {
        ledger.duplicated += count - 1 - returned;
        note(`${from} case ${caseId} was sent ${count} times (returned ${returned} times)`);
      }
    }
    for (const m of reports.get(from)!) {
      ledger.reports += 1;
      ledger.maxAttempts = Math.max(ledger.maxAttempts, m.attempts);
      ledger.retries += Math.max(0, m.attempts - 1);
      sentIds.get(m.target_level)?.add(m.id);
      if (m.status !== "DELIVERED") {
        ledger.undelivered += 1;
        note(`report ${m.id} to ${m.target_level} undelivered after ${m.attempts} attempts`);
      }
    }
  }

  for (const level of LEVELS) {
    for (const r of received.get(level)!) {
      const sender = r.from_level ? transfers.get(r.from_level)?.find((t) => t.id === r.origin_message_id) : undefined;
      if (!sender) {
        ledger.orphans += 1;
        note(`orphan: ${level} case ${r.id} came from message ${r.origin_message_id} that no ${r.from_level ?? "?"} outbox has`);
      }
    }
    const processed = inbox.get(level)!;
    const expected = sentIds.get(level)!;
    for (const id of expected) {
      if (!processed.has(id)) {
        ledger.inboxMismatches += 1;
        note(`${level} never processed message ${id}`);
      }
    }
    for (const id of processed) {
      if (!expected.has(id)) {
        ledger.inboxMismatches += 1;
        note(`${level} processed message ${id} that no outbox has`);
      }
    }
  }
  return ledger;
}

/** How many messages are still waiting in each level's outbox. */
export async function pendingCounts(dbs: Readonly<Record<Level, Sql>>): Promise<Record<Level, number>> {
  const counts = {} as Record<Level, number>;
  for (const level of LEVELS) {
    const [row] = (await dbs[level].query(`SELECT count(*)::int AS n FROM outbox_message WHERE status = 'PENDING'`)) as { n: number }[];
    counts[level] = row?.n ?? 0;
  }
  return counts;
}
