import type { DataSource } from "typeorm";

import type { Level } from "../config";
import { type RequestContext, createRequestContext } from "../context";
import type { LeaderEntity } from "../reception/entities";
import { type Logger, createLogger } from "../logger";
import { type CaseHistory, type HistoricPetition, HistoryError, type HistoryWriteOptions, type LeaderHistory, type LevelHistory, type RefIds, type WrittenCounts, stepName } from "./types";

/** Options of the service writer. */
export interface ReplayOptions extends HistoryWriteOptions {
  /** Cases replayed at once (each in its own request context); 8 by default. */
  concurrency?: number;
  log?: Logger;
}

/**
 * The request context of an import: the services of a request whose caller is the importing
 * account (`actor`, e.g. "generator"), so every timeline entry and record names it.
 */
export function importContext(dataSource: DataSource, level: Level, actor: string, log?: Logger): RequestContext {
  return createRequestContext({ headers: { "x-user-id": actor }, level, dataSource, log: log ?? createLogger("history", "silent") });
}

/** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * The leaders of a history, registered through ReceptionService unless the body already has a
 * leader of that name and role (leaders are people, kept across imports and resets).
 */
export async function ensureLeaders(ctx: RequestContext, leaders: readonly LeaderHistory[], refs: RefIds): Promise<Map<string, LeaderEntity>> {
  const found = new Map<string, LeaderEntity>();
  for (const leader of leaders) {
    const existing = (await ctx.reception.leadersOf(leader.bodyId)).find((l) => l.name === leader.name && l.role === leader.role);
    const entity = existing ?? (await ctx.reception.registerLeader(leader));
    if (!existing) {
      ctx.reception.leadersByBody.clear(leader.bodyId);
    }
    refs.set(leader.ref, entity.id);
    found.set(leader.ref, entity);
  }
  return found;
}

const idOf = (refs: RefIds, ref: string, what: string): string => {
  const id = refs.get(ref);
  if (!id) {
    throw new Error(`${what} "${ref}" is not part of this import (or of an earlier batch)`);
  }
  return id;
};

/** Lodges a petition of a case through the services: at its body, or at its visit. Returns the case id. */
async function lodge(ctx: RequestContext, petition: HistoricPetition, refs: RefIds, repeatOfCaseId: string | null): Promise<string> {
  if (petition.lodged === "AT_BODY") {
    return (await ctx.cases.registerPetition({ ...petition.input, repeatOfCaseId })).caseId;
  }
  const visit = await ctx.reception.recordVisit({
    ...petition.visit,
    sessionId: idOf(refs, petition.sessionRef, "session"),
    petition: { ...petition.input, repeatOfCaseId },
  });
  return visit.caseId!;
}

/** Replays one case: its first petition, then every step, each through the services in its own transaction. */
async function replayCase(ctx: RequestContext, history: CaseHistory, refs: RefIds): Promise<number> {
  let where = "first petition";
  try {
    const caseId = await lodge(ctx, history.petition, refs, null);
    refs.set(history.ref, caseId);
    for (const [i, step] of history.steps.entries()) {
      where = `step ${i + 1} (${stepName(step)})`;
      if (step.step === "CLASSIFY") {
        await ctx.cases.classify(caseId, step.input);
      } else if (step.step === "ACT") {
        await ctx.cases.act(caseId, step.action, step.input);
      } else {
        await lodge(ctx, step.petition, refs, caseId);
      }
    }
    return history.steps.length + 1;
  } catch (error) {
    throw new HistoryError(history.ref, where, error);
  }
}

/**
 * The service writer: applies a level's history through the services a client's requests go
 * through (ReceptionService, CaseService), one transaction per step, so every check, state
 * machine transition, deadline and timeline entry applies exactly as for an officer's request.
 * Leaders, then sessions, then cases (several at once, each in its order), then the visits on them.
 */
export async function replayThroughServices(dataSource: DataSource, level: Level, history: LevelHistory, options: ReplayOptions): Promise<WrittenCounts> {
  const refs = options.refs ?? new Map<string, string>();
  const concurrency = options.concurrency ?? 8;
  const progress = options.onProgress ?? (() => undefined);
  const context = (): RequestContext => importContext(dataSource, level, options.actor, options.log);
  const counts: WrittenCounts = { leaders: history.leaders.length, sessions: 0, cases: 0, petitions: 0, visits: 0, events: 0 };

  await ensureLeaders(context(), history.leaders, refs);

  const sessions = context();
  await inParallel(history.sessions, concurrency, async (s) => {
    const { ref, leaderRef, ...input } = s;
    try {
      const session = await sessions.reception.recordSession({ ...input, leaderId: leaderRef ? idOf(refs, leaderRef, "leader") : null });
      refs.set(ref, session.id);
    } catch (error) {
      throw new HistoryError(ref, "session", error);
    }
    counts.sessions += 1;
    progress("sessions", counts.sessions, history.sessions.length);
  });

  await inParallel(history.cases, concurrency, async (c) => {
    // A case's steps run in order, in a context of their own, like an officer's requests.
    const entries = await replayCase(context(), c, refs);
    counts.events += entries;
    counts.cases += 1;
    const petitions = [c.petition, ...c.steps.flatMap((s) => (s.step === "REPEAT" ? [s.petition] : []))];
    counts.petitions += petitions.length;
    counts.visits += petitions.filter((p) => p.lodged === "AT_VISIT").length;
    progress("cases", counts.cases, history.cases.length);
  });

  const visits = context();
  let done = 0;
  await inParallel(history.visits, concurrency, async (v, i) => {
    const { sessionRef, caseRef, ...fields } = v;
    try {
      await visits.reception.recordVisit({ ...fields, sessionId: idOf(refs, sessionRef, "session"), caseId: caseRef ? idOf(refs, caseRef, "case") : null });
    } catch (error) {
      throw new HistoryError(`visit ${i + 1}`, `session ${sessionRef}`, error);
    }
    done += 1;
    progress("visits", done, history.visits.length);
  });
  counts.visits += history.visits.length;
  return counts;
}
