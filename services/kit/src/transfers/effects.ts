import { randomUUID } from "node:crypto";

import type { EntityManager } from "typeorm";

import type { CaseEntity } from "../cases/entities";
import type { Level } from "../config";
import { type CaseLink, type Hop, mergeJourney } from "./journey";
import { type CarriedPetition, type CarriedSigner, type FirstInstance, type HopKind, enqueue } from "./outbox";
import { seal } from "./sealed";

/** What a body's side of a transfer needs to know about itself. */
export interface TransferSide {
  level: Level;
  secret: string;
}

interface SignerRow {
  petition_id: string;
  full_name: string;
  citizen_id: string | null;
  address: string | null;
  phone: string | null;
}

const carried = (r: SignerRow): CarriedSigner => ({ fullName: r.full_name, citizenId: r.citizen_id, address: r.address, phone: r.phone });

/**
 * Sends a case on (a transfer, or a 2nd-instance complaint): adds an IN_TRANSIT hop to its journey
 * and writes the message — with the case's petitions and, sealed, its denouncers — to the outbox in
 * the caller's transaction. Nothing leaves before the commit; everything committed is delivered.
 */
export async function sendCase(
  m: EntityManager,
  c: CaseEntity,
  side: TransferSide,
  input: { kind: HopKind; targetBodyId: string; targetLevel: Level; reason: string; legalBasis: string | null; on: string; firstInstance: FirstInstance | null },
): Promise<Hop> {
  const petitions = (await m.query(
    `SELECT id, source, received_on, content, respondent, is_repeat, anonymous FROM petition WHERE case_id = $1 ORDER BY received_on, created_at`,
    [c.id],
  )) as { id: string; source: string; received_on: string; content: string; respondent: string | null; is_repeat: boolean; anonymous: boolean }[];
  const ids = petitions.map((p) => p.id);
  const signers = (await m.query(`SELECT petition_id, full_name, citizen_id, address, phone FROM petitioner WHERE petition_id = ANY($1::uuid[]) ORDER BY position`, [ids])) as SignerRow[];
  const denouncers = (await m.query(`SELECT petition_id, full_name, citizen_id, address, phone FROM denouncer_identity WHERE petition_id = ANY($1::uuid[]) ORDER BY position`, [
    ids,
  ])) as SignerRow[];
  const attachments = (await m.query(`SELECT petition_id, name, media_type, size_bytes, sha256 FROM petition_attachment WHERE petition_id = ANY($1::uuid[]) ORDER BY name`, [
    ids,
  ])) as { petition_id: string; name: string; media_type: string; size_bytes: string; sha256: string }[];
  const carriedPetitions: CarriedPetition[] = petitions.map((p) => ({
    source: p.source,
    receivedOn: typeof p.received_on === "string" ? p.received_on : new Date(p.received_on).toISOString().slice(0, 10),
    content: p.content,
    respondent: p.respondent,
    isRepeat: p.is_repeat,
    anonymous: p.anonymous,
    signers: signers.filter((s) => s.petition_id === p.id).map(carried),
    attachments: attachments
      .filter((a) => a.petition_id === p.id)
      .map((a) => ({ name: a.name, mediaType: a.media_type, sizeBytes: Number(a.size_bytes), sha256: a.sha256 })),
  }));
  const hop: Hop = {
    id: randomUUID(),
    kind: input.kind,
    fromLevel: side.level,
    fromBodyId: c.bodyId,
    fromCaseId: c.id,
    toLevel: input.targetLevel,
    toBodyId: input.targetBodyId,
    toCaseId: null,
    reason: input.reason,
    legalBasis: input.legalBasis,
    sentOn: input.on,
    deliveredAt: null,
    status: "IN_TRANSIT",
    returnReason: null,
    outcome: null,
  };
  c.journey = mergeJourney(c.journey ?? [], [hop]);
  await enqueue(m, [
    {
      id: hop.id,
      kind: "TRANSFER",
      caseId: c.id,
      targetLevel: input.targetLevel,
      payload: {
        hop,
        journey: c.journey,
        snapshot: {
          kind: c.kind,
          contentTypes: c.contentTypes,
          summary: c.summary,
          respondent: c.respondent,
          field: c.field,
          complex: c.complex,
          complexityReason: c.complexityReason,
          remoteArea: c.remoteArea,
          instance: c.instance,
          receivedOn: c.receivedOn,
          anonymous: c.anonymous,
          signerCount: c.signerCount,
          petitions: carriedPetitions,
        },
        // Denouncers travel only sealed: unreadable in the outbox, in logs and on the wire.
        sealedDenouncers: denouncers.length > 0 ? seal(petitions.map((p) => denouncers.filter((d) => d.petition_id === p.id).map(carried)), side.secret) : null,
        firstInstance: input.firstInstance,
      },
    },
  ]);
  return hop;
}

/**
 * Passes a journey's news on to the body a case came from (a hop further down was delivered,
 * accepted, returned or resolved), so that every case of the chain knows the whole journey.
 */
export async function forwardProgress(m: EntityManager, caseId: string, from: CaseLink | null, hopId: string, journey: Hop[]): Promise<void> {
  if (!from) {
    return;
  }
  await enqueue(m, [
    {
      id: randomUUID(),
      kind: "REPORT",
      caseId,
      targetLevel: from.level,
      payload: { toCaseId: from.caseId, hopId, event: "PROGRESS", journey, returnReason: null },
    },
  ]);
}

/**
 * Tells the body a transferred case came from what became of it (accepted, returned, resolved),
 * updating the hop that brought the case here; the message goes out with the caller's commit.
 */
export async function reportUpstream(
  m: EntityManager,
  c: CaseEntity,
  event: "ACCEPTED" | "RETURNED" | "RESOLVED",
  details: { returnReason?: string | null; on?: string | null } = {},
): Promise<void> {
  const from = c.transferredFrom;
  if (!from) {
    return;
  }
  const arrival = (c.journey ?? []).filter((h) => h.toCaseId === c.id).at(-1);
  if (!arrival) {
    return;
  }
  const updated: Hop = {
    ...arrival,
    status: event,
    returnReason: details.returnReason ?? arrival.returnReason,
    outcome: event === "RESOLVED" ? { status: c.status, result: c.result, on: details.on ?? null } : arrival.outcome,
  };
  c.journey = mergeJourney(c.journey, [updated]);
  await enqueue(m, [
    {
      id: randomUUID(),
      kind: "REPORT",
      caseId: c.id,
      targetLevel: from.level,
      payload: { toCaseId: from.caseId, hopId: arrival.id, event, journey: c.journey, returnReason: details.returnReason ?? null },
    },
  ]);
}
