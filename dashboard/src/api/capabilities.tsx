import { type ReactNode, createContext, useContext } from "react";

import { Capabilities as CapabilitiesQuery } from "./operations";
import { useQuery } from "./client";

/** What the running graph offers; the page adapts instead of breaking. */
export interface Capabilities {
  /** The district subgraph runs (three-level profile): districts, district cases and rows. */
  districts: boolean;
  /** `<level>CaseStatusCounts(filter)`: counts by status and kind in one request. */
  statusCounts: boolean;
  /** `<level>TransferFlows(period, unitCodes)`: transfers between levels. */
  transferFlows: boolean;
  /** `<level>Cases(orderBy: CaseOrder)`: lists sorted by days late on the server. */
  caseOrder: boolean;
  /** CaseFilter's acceptedFrom/To, resolvedFrom/To and withdrawnAfterPersuasion: the lists of the resolution figures. */
  figureLists: boolean;
}

const CapabilitiesContext = createContext<Capabilities | null>(null);

/** Reads the schema once (introspection through the gateway) and provides what it offers. */
export function CapabilitiesProvider({ children, fallback }: { children: ReactNode; fallback: (state: { error?: Error; reload(): void }) => ReactNode }) {
  const { data, error, reload } = useQuery(CapabilitiesQuery, {});
  if (!data) {
    return <>{fallback({ error, reload })}</>;
  }
  const rootFields = new Map((data.query?.fields ?? []).map((f) => [f.name, f.args.map((a) => a.name)]));
  const provinceFields = new Set((data.province?.fields ?? []).map((f) => f.name));
  const filterFields = new Set((data.caseFilter?.inputFields ?? []).map((f) => f.name));
  const value: Capabilities = {
    districts: rootFields.has("districtCases") && provinceFields.has("districts"),
    statusCounts: rootFields.has("provinceCaseStatusCounts") && rootFields.has("communeCaseStatusCounts"),
    transferFlows: rootFields.has("provinceTransferFlows") && rootFields.has("communeTransferFlows"),
    caseOrder: (rootFields.get("provinceCases") ?? []).includes("orderBy"),
    figureLists: ["acceptedFrom", "acceptedTo", "resolvedFrom", "resolvedTo", "withdrawnAfterPersuasion"].every((name) => filterFields.has(name)),
  };
  return <CapabilitiesContext.Provider value={value}>{children}</CapabilitiesContext.Provider>;
}

/** The graph's capabilities (inside CapabilitiesProvider). */
export function useCapabilities(): Capabilities {
  const value = useContext(CapabilitiesContext);
  if (!value) {
    throw new Error("useCapabilities outside CapabilitiesProvider");
  }
  return value;
}
