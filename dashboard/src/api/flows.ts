import type { Flow } from "../components/Charts";
import type { Level } from "../router";
import { useCapabilities } from "./capabilities";
import { execute } from "./client";
import { type AsyncState, levelsOf, useAsync } from "./counts";
import { TransferFlowsCommune, TransferFlowsDistrictThreeLevel, TransferFlowsProvince } from "./operations";
import type { Scope } from "./scope";

/**
 * Cases sent between levels in the period by the scope's bodies: each level's
 * `<level>TransferFlows` counts what that level sent, so the levels add up without overlap.
 */
export function useTransferFlows(scope: Scope, period: string): AsyncState<Flow[]> {
  const caps = useCapabilities();
  return useAsync(
    JSON.stringify({ codes: scope.codes, period, flows: true }),
    async (signal) => {
      const levels = levelsOf(scope.codes);
      const perLevel = await Promise.all(
        levels.map(async (level) => {
          const vars = { period, unitCodes: scope.codes[level] };
          return level === "PROVINCE"
            ? (await execute(TransferFlowsProvince, vars, signal)).data.provinceTransferFlows
            : level === "DISTRICT"
              ? (await execute(TransferFlowsDistrictThreeLevel, vars, signal)).data.districtTransferFlows
              : (await execute(TransferFlowsCommune, vars, signal)).data.communeTransferFlows;
        }),
      );
      // One arrow per pair of levels: transfers and 2nd-instance complaints, every kind of body.
      const sums = new Map<string, Flow>();
      for (const flow of perLevel.flat()) {
        const key = `${flow.fromLevel}>${flow.toLevel}`;
        const sum = sums.get(key) ?? { fromLevel: flow.fromLevel as Level, toLevel: flow.toLevel as Level, count: 0 };
        sum.count += flow.count;
        sums.set(key, sum);
      }
      return [...sums.values()];
    },
    !caps.transferFlows,
  );
}
