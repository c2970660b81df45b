import type { Level } from "../config";

/** How far one hop of a case's journey has got. */
export type HopStatus = "IN_TRANSIT" | "DELIVERED" | "ACCEPTED" | "RETURNED" | "RESOLVED";

/** One move of a case from a body to another (a transfer, or a 2nd-instance complaint). */
export interface Hop {
  /** The id of the message that carries it: also its idempotency key. */
  id: string;
  kind: "TRANSFER" | "SECOND_INSTANCE";
  fromLevel: Level;
  fromBodyId: string;
  fromCaseId: string;
  toLevel: Level;
  toBodyId: string;
  toCaseId: string | null;
  reason: string;
  legalBasis: string | null;
  sentOn: string;
  deliveredAt: string | null;
  status: HopStatus;
  returnReason: string | null;
  /** The receiver's final status and result, once resolved. */
  outcome: { status: string; result: string | null; on: string | null } | null;
}

/** Where a case came from. */
export interface CaseLink {
  caseId: string;
  bodyId: string;
  level: Level;
}

const RANK: Readonly<Record<HopStatus, number>> = { IN_TRANSIT: 0, DELIVERED: 1, ACCEPTED: 2, RETURNED: 3, RESOLVED: 3 };

/**
 * Merges what two bodies know of a journey: hops by id, keeping the furthest state of each (a
 * report never moves a hop backwards, so late or repeated reports are harmless), in sending order.
 */
export function mergeJourney(known: readonly Hop[], reported: readonly Hop[]): Hop[] {
  const byId = new Map<string, Hop>();
  for (const hop of [...known, ...reported]) {
    const current = byId.get(hop.id);
    if (!current || RANK[hop.status] > RANK[current.status] || (RANK[hop.status] === RANK[current.status] && !current.toCaseId && hop.toCaseId)) {
      byId.set(hop.id, { ...current, ...hop, toCaseId: hop.toCaseId ?? current?.toCaseId ?? null });
    }
  }
  const order = [...known, ...reported].map((h) => h.id);
  return [...byId.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** The case holding the matter now, as far as these hops tell, and whether it is moving. */
export function currentHolder(origin: CaseLink, hops: readonly Hop[]): { holder: CaseLink; inTransit: boolean } {
  let holder = origin;
  let inTransit = false;
  for (const hop of hops) {
    if (hop.status === "IN_TRANSIT") {
      holder = { caseId: hop.fromCaseId, bodyId: hop.fromBodyId, level: hop.fromLevel };
      inTransit = true;
    } else if (hop.status === "RETURNED") {
      holder = { caseId: hop.fromCaseId, bodyId: hop.fromBodyId, level: hop.fromLevel };
      inTransit = false;
    } else if (hop.toCaseId) {
      holder = { caseId: hop.toCaseId, bodyId: hop.toBodyId, level: hop.toLevel };
      inTransit = false;
    }
  }
  return { holder, inTransit };
}

/** The first case of a journey: where the matter was first received. */
export function originOf(self: CaseLink, hops: readonly Hop[]): CaseLink {
  const first = hops[0];
  return first ? { caseId: first.fromCaseId, bodyId: first.fromBodyId, level: first.fromLevel } : self;
}
