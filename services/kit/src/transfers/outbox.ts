import { EventEmitter } from "node:events";

import type { EntityManager } from "typeorm";

import type { Level } from "../config";
import type { Hop } from "./journey";

/** Why a case moves: a transfer to the competent body, or a complaint to the 2nd instance. */
export type HopKind = "TRANSFER" | "SECOND_INSTANCE";

/** A message to another subgraph, written in the same transaction as the change it reports. */
export interface OutboxMessage {
  /** Idempotency key: the receiver processes each id once. */
  id: string;
  kind: "TRANSFER" | "REPORT";
  caseId: string;
  targetLevel: Level;
  payload: TransferPayload | ReportPayload;
}

/** What a case carries to its receiver. */
export interface TransferPayload {
  hop: Hop;
  journey: Hop[];
  snapshot: CaseSnapshot;
  /** The denouncers' identities, sealed: readable only by the competent receiver. */
  sealedDenouncers: string | null;
  firstInstance: FirstInstance | null;
}

/** A receiver's news for the case upstream: accepted, returned, resolved, or moved on. */
export interface ReportPayload {
  toCaseId: string;
  hopId: string;
  event: "ACCEPTED" | "RETURNED" | "RESOLVED" | "PROGRESS";
  journey: Hop[];
  returnReason: string | null;
}

/** The 1st-instance decision a 2nd-instance complaint is about. */
export interface FirstInstance {
  caseId: string;
  level: Level;
  bodyId: string;
  decisionNumber: string | null;
  result: string | null;
  decidedOn: string | null;
}

/** A signer as carried between bodies. */
export interface CarriedSigner {
  fullName: string;
  citizenId: string | null;
  address: string | null;
  phone: string | null;
}

/** A petition as carried between bodies. */
export interface CarriedPetition {
  source: string;
  receivedOn: string;
  content: string;
  respondent: string | null;
  isRepeat: boolean;
  anonymous: boolean;
  signers: CarriedSigner[];
  attachments: { name: string; mediaType: string; sizeBytes: number; sha256: string }[];
}

/** The case data a receiver needs to take a case up. */
export interface CaseSnapshot {
  kind: string | null;
  contentTypes: string[];
  summary: string;
  respondent: string | null;
  field: string | null;
  complex: boolean;
  complexityReason: string | null;
  remoteArea: boolean;
  instance: number | null;
  receivedOn: string;
  anonymous: boolean;
  signerCount: number;
  petitions: CarriedPetition[];
}

/** Wakes the local deliverer right after a commit, so delivery does not wait for the next poll. */
export const outboxSignal = new EventEmitter();

/** Writes messages to the outbox inside the caller's transaction. */
export async function enqueue(m: EntityManager, messages: OutboxMessage[]): Promise<void> {
  for (const msg of messages) {
    await m.query(`INSERT INTO outbox_message (id, kind, case_id, target_level, payload) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      msg.id,
      msg.kind,
      msg.caseId,
      msg.targetLevel,
      JSON.stringify(msg.payload),
    ]);
  }
}
