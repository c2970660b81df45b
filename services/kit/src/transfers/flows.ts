import { bodyKindBySlug } from "../admin/bodies";
import type { ReceptionBodyKind } from "../admin/kinds";
import { LEVELS, type Level } from "../config";
import type { HopKind } from "./outbox";

/** Hops sent by a level's cases, counted by target and by their latest state as the sender heard it. */
export interface SentHopCount {
  toLevel: Level;
  /** The receiving body's id without its unit code (`ubnd`, `so-tnmt`): it tells the kind of body. */
  toBodySlug: string;
  kind: HopKind;
  count: number;
  inTransit: number;
  delivered: number;
  accepted: number;
  returned: number;
  resolved: number;
}

/** Cases sent from one level to one level and kind of body, by where each stands as the sender heard. */
export interface TransferFlowFigures {
  fromLevel: Level;
  toLevel: Level;
  toBodyKind: ReceptionBodyKind | null;
  kind: HopKind;
  count: number;
  inTransit: number;
  /** Delivered, waiting in the receiver's inbox (the hop's DELIVERED state). */
  pending: number;
  accepted: number;
  returned: number;
  resolved: number;
}

/**
 * The flows of a level's sent hops: counts by receiving body merged by kind of body (every
 * department is a SPECIALISED_AGENCY), ordered by target level from the top, kind of body (unknown
 * last) and kind of hop, so that the answer does not depend on the database's grouping order.
 */
export function transferFlowsOf(fromLevel: Level, counts: readonly SentHopCount[]): TransferFlowFigures[] {
  const flows = new Map<string, TransferFlowFigures>();
  for (const row of counts) {
    const toBodyKind = bodyKindBySlug(row.toLevel, row.toBodySlug);
    const key = `${row.toLevel}|${toBodyKind}|${row.kind}`;
    const flow = flows.get(key) ?? { fromLevel, toLevel: row.toLevel, toBodyKind, kind: row.kind, count: 0, inTransit: 0, pending: 0, accepted: 0, returned: 0, resolved: 0 };
    flow.count += row.count;
    flow.inTransit += row.inTransit;
    flow.pending += row.delivered;
    flow.accepted += row.accepted;
    flow.returned += row.returned;
    flow.resolved += row.resolved;
    flows.set(key, flow);
  }
  // Plain code-point order: the same on every machine, whatever its locale.
  const compare = (x: string | null, y: string | null): number => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  return [...flows.values()].sort(
    (a, b) => LEVELS.indexOf(a.toLevel) - LEVELS.indexOf(b.toLevel) || compare(a.toBodyKind, b.toBodyKind) || compare(a.kind, b.kind),
  );
}
