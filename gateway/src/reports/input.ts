// What a caller asks for, checked before anything runs: the unit code's level and the refusal
// type with its HTTP status. Kept apart from the GraphQL code so that the command
// (tools/src/report.ts) can check its input without loading the gateway.
import type { UnitLevel } from "./table";

/** Why a form cannot be produced, with the HTTP status that says so and the parameter at fault. */
export class ReportError extends Error {
  constructor(
    readonly status: 400 | 404 | 502,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = "ReportError";
  }
}

/** The period formats the graph reads, for messages. */
export const PERIOD_HELP = "2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31";

const LEVEL_BY_LENGTH: Readonly<Record<number, UnitLevel>> = { 2: "province", 3: "district", 5: "commune" };

/** The level of a unit code (2 digits: province, 3: district, 5: commune); a 400 otherwise. */
export function unitLevel(code: string): UnitLevel {
  const level = /^\d+$/.test(code) ? LEVEL_BY_LENGTH[code.length] : undefined;
  if (!level) {
    throw new ReportError(400, "BAD_USER_INPUT", `unit: "${code}" is not a unit code: 2 digits for a province, 3 for a district, 5 for a commune`, "unit");
  }
  return level;
}

