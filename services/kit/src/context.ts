import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

import type { DataSource } from "typeorm";

import { AdministrativeUnitService } from "./admin/service";
import { CaseService, type TransferSettings } from "./cases/service";
import { ReceptionService } from "./reception/service";
import { StatisticsService } from "./statistics/service";
import type { Level } from "./config";
import type { Logger } from "./logger";

/** Headers the gateway sets on every subgraph request. */
export const HEADER = {
  requestId: "x-request-id",
  userId: "x-user-id",
  userUnit: "x-user-unit",
  userRoles: "x-user-roles",
} as const;

/**
 * Who is calling. Authentication happens in front of the gateway; the gateway forwards the caller
 * to the subgraphs in headers. Authorization rules (issue 3 onwards) read it from here.
 */
export interface Caller {
  /** User id, or null for an anonymous caller. */
  userId: string | null;
  /** Id of the reception body the user works for, if any. */
  unitId: string | null;
  roles: string[];
}

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  requestId: string;
  caller: Caller;
  level: Level;
  log: Logger;
  /** The administrative hierarchy and reception bodies, through request-scoped loaders. */
  units: AdministrativeUnitService;
  /** Petitions and cases of this level. */
  cases: CaseService;
  /** Reception sessions, visits, leaders and their reception days. */
  reception: ReceptionService;
  /** Figures of the statutory report forms, from the records. */
  statistics: StatisticsService;
}

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const ID_VALUE = /^[\p{L}\p{N}._:@-]{1,100}$/u;

/** Reads the caller from request headers; malformed values are dropped rather than trusted. */
export function callerFromHeaders(headers: IncomingHttpHeaders): Caller {
  const userId = first(headers[HEADER.userId]);
  const unitId = first(headers[HEADER.userUnit]);
  const roles = (first(headers[HEADER.userRoles]) ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r) => ID_VALUE.test(r));
  return {
    userId: userId && ID_VALUE.test(userId) ? userId : null,
    unitId: unitId && ID_VALUE.test(unitId) ? unitId : null,
    roles,
  };
}

/** The request id from the gateway, or a new one when the request did not come through it. */
export function requestIdFromHeaders(headers: IncomingHttpHeaders): string {
  const given = first(headers[HEADER.requestId]);
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Builds the context of one subgraph request. */
export function createRequestContext(options: {
  headers: IncomingHttpHeaders;
  level: Level;
  dataSource: DataSource;
  log: Logger;
  transfers?: TransferSettings;
}): RequestContext {
  const requestId = requestIdFromHeaders(options.headers);
  const caller = callerFromHeaders(options.headers);
  const units = new AdministrativeUnitService(options.dataSource);
  const cases = new CaseService(options.dataSource, options.level, caller, units, options.transfers);
  return {
    requestId,
    caller,
    level: options.level,
    log: options.log.child({ requestId, userId: caller.userId }),
    units,
    cases,
    reception: new ReceptionService(options.dataSource, options.level, caller, units, cases),
    statistics: new StatisticsService(options.dataSource, units),
  };
}
