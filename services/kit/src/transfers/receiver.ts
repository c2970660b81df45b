import { randomUUID } from "node:crypto";

import type { DataSource, EntityManager } from "typeorm";

import type { Level } from "../config";
import { CaseAction, type CaseKind, CaseStatus, nextStatus } from "../domain/cases/machine";
import { deadlineBeforeAcceptance } from "../cases/due";
import { vietnamToday } from "../domain/calendar/local-date";
import { foldVietnamese } from "../text";
import { type CaseLink, type Hop, mergeJourney } from "./journey";
import { forwardProgress } from "./effects";
import { type CarriedSigner, type ReportPayload, type TransferPayload, outboxSignal } from "./outbox";
import { unseal } from "./sealed";

/** A message as it arrives from another subgraph. */
export interface IncomingMessage {
  id: string;
  kind: "TRANSFER" | "REPORT";
  payload: TransferPayload | ReportPayload;
}

/** A message that can never be processed here as sent (the sender keeps it and shows the error). */
export class RejectedMessage extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Processes one message exactly once: its id goes into `inbox_message` in the same transaction as
 * its effect, so a duplicate delivery (a retry after a lost answer, two senders racing) gets the
 * first answer back and changes nothing.
 */
export async function receiveMessage(dataSource: DataSource, level: Level, message: IncomingMessage, secret: string): Promise<Record<string, unknown>> {
  if (!message || !UUID.test(String(message.id)) || !["TRANSFER", "REPORT"].includes(message.kind) || typeof message.payload !== "object") {
    throw new RejectedMessage("malformed message");
  }
  const answer = await dataSource.transaction(async (m) => {
    const inserted = (await m.query(`INSERT INTO inbox_message (id, kind, result) VALUES ($1, $2, '{}') ON CONFLICT (id) DO NOTHING RETURNING id`, [
      message.id,
      message.kind,
    ])) as unknown[];
    if (inserted.length === 0) {
      const [seen] = (await m.query(`SELECT result FROM inbox_message WHERE id = $1`, [message.id])) as { result: Record<string, unknown> }[];
      return { ...(seen?.result ?? {}), duplicate: true };
    }
    const result =
      message.kind === "TRANSFER"
        ? await takeTransfer(m, level, message.id, message.payload as TransferPayload, secret)
        : await takeReport(m, message.payload as ReportPayload);
    await m.query(`UPDATE inbox_message SET result = $2::jsonb WHERE id = $1`, [message.id, JSON.stringify(result)]);
    return result;
  });
  // After the commit: a report passed upstream is in the outbox now.
  outboxSignal.emit("enqueued");
  return answer;
}

async function event(m: EntityManager, caseId: string, action: string, from: string | null, to: string, on: string, note: string | null): Promise<void> {
  await m.query(
    `INSERT INTO case_event (case_id, actor, action, from_status, to_status, effective_on, note, changes) VALUES ($1, NULL, $2, $3, $4, $5, $6, '{}'::jsonb)`,
    [caseId, action, from, to, on, note],
  );
}

async function insertSigners(m: EntityManager, table: "petitioner" | "denouncer_identity", petitionId: string, signers: CarriedSigner[]): Promise<void> {
  for (const [position, s] of signers.entries()) {
    await m.query(
      `INSERT INTO ${table} (petition_id, full_name, search_name, citizen_id, address, phone, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [petitionId, s.fullName, foldVietnamese(s.fullName), s.citizenId, s.address, s.phone, position],
    );
  }
}

/** A transferred (or 2nd-instance) case arrives: a new case here, waiting in the inbox. */
async function takeTransfer(m: EntityManager, level: Level, messageId: string, payload: TransferPayload, secret: string): Promise<Record<string, unknown>> {
  const { hop, snapshot } = payload;
  if (hop.toLevel !== level) {
    throw new RejectedMessage(`message for the ${hop.toLevel} level reached the ${level} subgraph`);
  }
  const [body] = (await m.query(`SELECT id, unit_code, sector FROM reception_body WHERE id = $1`, [hop.toBodyId])) as {
    id: string;
    unit_code: string;
    sector: string | null;
  }[];
  if (!body) {
    throw new RejectedMessage(`no reception body "${hop.toBodyId}" at the ${level} level`);
  }
  // Belt and braces: the case row itself carries the message id under a unique constraint.
  const [existing] = (await m.query(`SELECT id FROM kntc_case WHERE origin_message_id = $1`, [messageId])) as { id: string }[];
  if (existing) {
    return { caseId: existing.id };
  }
  const caseId = randomUUID();
  const secondInstance = hop.kind === "SECOND_INSTANCE";
  const journey = mergeJourney(payload.journey, [{ ...hop, toCaseId: caseId, status: "DELIVERED", deliveredAt: new Date().toISOString() }]);
  const transferredFrom: CaseLink = { caseId: hop.fromCaseId, bodyId: hop.fromBodyId, level: hop.fromLevel };
  const kind = secondInstance ? "COMPLAINT" : snapshot.kind;
  const instance = secondInstance ? 2 : snapshot.instance;
  // The case reaches the receiver electronically on the day it is sent: its own clock starts then.
  const receivedOn = hop.sentOn;
  const due = deadlineBeforeAcceptance({
    kind: kind as CaseKind | null,
    status: CaseStatus.RECEIVED,
    receivedOn,
    instance,
    complex: snapshot.complex,
    remoteArea: snapshot.remoteArea,
  });
  await m.query(
    `INSERT INTO kntc_case (id, level, body_id, unit_code, sector, kind, content_types, status, summary, respondent, respondent_search, search_text,
       field, signer_count, anonymous, complex, complexity_reason, remote_area, instance, received_on, due_on, due_step, due_rule_id,
       journey, transferred_from, origin_message_id, inbox_state, first_instance)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'RECEIVED', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23::jsonb, $24::jsonb, $25, 'PENDING', $26::jsonb)`,
    [
      caseId, level, body.id, body.unit_code, body.sector, kind, snapshot.contentTypes, snapshot.summary, snapshot.respondent,
      snapshot.respondent ? foldVietnamese(snapshot.respondent) : null, foldVietnamese(`${snapshot.summary} ${snapshot.respondent ?? ""}`),
      snapshot.field, snapshot.signerCount, snapshot.anonymous, snapshot.complex, snapshot.complexityReason, snapshot.remoteArea, instance,
      receivedOn, due?.dueAt ?? null, due?.step ?? null, due?.rule.id ?? null, JSON.stringify(journey), JSON.stringify(transferredFrom), messageId,
      payload.firstInstance ? JSON.stringify(payload.firstInstance) : null,
    ],
  );
  const denouncers = payload.sealedDenouncers ? unseal<CarriedSigner[][]>(payload.sealedDenouncers, secret) : null;
  for (const [i, p] of snapshot.petitions.entries()) {
    const petitionId = randomUUID();
    await m.query(
      `INSERT INTO petition (id, case_id, body_id, source, received_on, content, respondent, is_repeat, signer_count, anonymous, search_text)
       VALUES ($1, $2, $3, 'TRANSFERRED', $4, $5, $6, $7, $8, $9, $10)`,
      [petitionId, caseId, body.id, p.receivedOn, p.content, p.respondent, p.isRepeat, p.signers.length || (denouncers?.[i]?.length ?? 0), p.anonymous, foldVietnamese(`${p.content} ${p.respondent ?? ""}`)],
    );
    await insertSigners(m, "petitioner", petitionId, p.signers);
    if (denouncers?.[i]?.length) {
      await insertSigners(m, "denouncer_identity", petitionId, denouncers[i]!);
    }
    for (const a of p.attachments) {
      await m.query(`INSERT INTO petition_attachment (petition_id, name, media_type, size_bytes, sha256) VALUES ($1, $2, $3, $4, $5)`, [
        petitionId, a.name, a.mediaType, a.sizeBytes, a.sha256,
      ]);
    }
  }
  const note = `${secondInstance ? "2nd-instance complaint" : "Transferred"} from ${hop.fromBodyId}: ${hop.reason}`;
  await event(m, caseId, secondInstance ? "RECEIVE_SECOND_INSTANCE" : "RECEIVE_TRANSFER", null, CaseStatus.RECEIVED, receivedOn, note);
  return { caseId };
}

/** News from downstream: merge the journey; a return reopens the case here; pass it upstream. */
export async function takeReport(m: EntityManager, report: ReportPayload): Promise<Record<string, unknown>> {
  if (!UUID.test(String(report.toCaseId))) {
    throw new RejectedMessage("malformed report");
  }
  const [c] = (await m.query(`SELECT id, status, kind, suspended_from, journey, transferred_from FROM kntc_case WHERE id = $1 FOR UPDATE`, [report.toCaseId])) as {
    id: string;
    status: string;
    kind: string | null;
    journey: Hop[];
    transferred_from: CaseLink | null;
  }[];
  if (!c) {
    throw new RejectedMessage(`no case ${report.toCaseId} here`);
  }
  const journey = mergeJourney(c.journey, report.journey);
  let status = c.status;
  const today = vietnamToday();
  if (report.event === "RETURNED" && c.status === CaseStatus.TRANSFERRED) {
    status = nextStatus({ kind: c.kind as CaseKind | null, status: c.status as CaseStatus }, CaseAction.REOPEN_RETURNED);
    const due = deadlineBeforeAcceptance({ kind: c.kind as CaseKind | null, status: status as CaseStatus, receivedOn: today });
    await m.query(`UPDATE kntc_case SET status = $2, closed_on = NULL, target_body_id = NULL, decision_reason = $3, due_on = $4, due_step = $5, due_rule_id = $6, version = version + 1 WHERE id = $1`, [
      c.id, status, report.returnReason, due?.dueAt ?? null, due?.step ?? null, due?.rule.id ?? null,
    ]);
  }
  await m.query(`UPDATE kntc_case SET journey = $2::jsonb WHERE id = $1`, [c.id, JSON.stringify(journey)]);
  if (report.event !== "PROGRESS") {
    const hop = journey.find((h) => h.id === report.hopId);
    await event(m, c.id, report.event === "RETURNED" ? CaseAction.REOPEN_RETURNED : `TRANSFER_${report.event}`, c.status, status, today,
      `${hop?.toBodyId ?? "receiver"}: ${report.event.toLowerCase()}${report.returnReason ? ` (${report.returnReason})` : ""}`);
  }
  await forwardProgress(m, c.id, c.transferred_from, report.hopId, journey);
  return { caseId: c.id, status };
}
