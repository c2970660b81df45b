import type { HeadlineFragment } from "../gql/graphql";
import { formatCount, formatRate } from "../i18n/format";
import { useI18n } from "../i18n";
import { type CaseListSpec, casesHref } from "../links";
import { Link } from "../router";

/** The headline figures of a scope: reception, petitions, resolution, rates, overdue now. */
export function Kpis({ figures, overdue, list }: { figures: HeadlineFragment; overdue: number | undefined; list: Omit<CaseListSpec, "title"> }) {
  const { t } = useI18n();
  const c = figures.complaints;
  const d = figures.denunciations;
  return (
    <div className="kpis" data-testid="kpis">
      <Kpi testId="kpi-persons" label={t("kpi.persons")} value={formatCount(figures.reception.persons)} sub={t("kpi.persons.sub", { visits: formatCount(figures.reception.visits) })} />
      <Kpi testId="kpi-large-groups" label={t("kpi.largeGroups")} value={formatCount(figures.reception.largeGroups)} sub={t("kpi.largeGroups.sub", { persons: formatCount(figures.reception.largeGroupPersons) })} />
      <Kpi
        testId="kpi-petitions"
        label={t("kpi.petitions")}
        value={formatCount(figures.processing.petitionsReceived)}
        sub={t("kpi.petitions.sub", { cases: formatCount(figures.processing.newCases) })}
        to={casesHref({ ...list, received: "period", title: "kpi.petitions" })}
      />
      <KpiPair
        testId="kpi-complaints"
        label={t("kpi.complaints")}
        first={[t("kpi.accepted"), formatCount(c.toResolve)]}
        second={[t("kpi.resolved"), formatCount(c.resolved)]}
        to={casesHref({ ...list, kinds: ["COMPLAINT"], received: "toEnd", title: "kpi.complaints" })}
      />
      <KpiPair
        testId="kpi-denunciations"
        label={t("kpi.denunciations")}
        first={[t("kpi.accepted"), formatCount(d.toResolve)]}
        second={[t("kpi.resolved"), formatCount(d.resolved)]}
        to={casesHref({ ...list, kinds: ["DENUNCIATION"], received: "toEnd", title: "kpi.denunciations" })}
      />
      <KpiPair testId="kpi-resolution-rate" label={t("kpi.resolutionRate")} first={[t("kind.COMPLAINT"), formatRate(c.resolutionRate)]} second={[t("kind.DENUNCIATION"), formatRate(d.resolutionRate)]} />
      <KpiPair testId="kpi-on-time-rate" label={t("kpi.onTimeRate")} first={[t("kind.COMPLAINT"), formatRate(c.onTimeRate)]} second={[t("kind.DENUNCIATION"), formatRate(d.onTimeRate)]} />
      <Kpi
        testId="kpi-withdrawn"
        label={t("kpi.withdrawn")}
        value={formatCount(c.withdrawnAfterPersuasion + d.withdrawnAfterPersuasion)}
        sub={t("kpi.withdrawn.sub", { c: formatCount(c.withdrawnAfterPersuasion), d: formatCount(d.withdrawnAfterPersuasion) })}
        to={casesHref({ ...list, statuses: ["WITHDRAWN"], received: "toEnd", title: "kpi.withdrawn" })}
      />
      <Kpi
        testId="kpi-overdue"
        label={t("kpi.overdue")}
        value={overdue === undefined ? "…" : formatCount(overdue)}
        sub={t("kpi.overdue.sub")}
        tone={overdue ? "alert" : undefined}
        to={casesHref({ ...list, overdue: true, title: "kpi.overdue" })}
      />
    </div>
  );
}

function Kpi({ testId, label, value, sub, to, tone }: { testId: string; label: string; value: string; sub?: string; to?: string; tone?: "alert" }) {
  const { t } = useI18n();
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {sub && <span className="kpi-sub">{sub}</span>}
    </>
  );
  return to ? (
    <Link to={to} className={`kpi kpi-link${tone ? ` kpi-${tone}` : ""}`} data-testid={testId} title={t("kpi.openList")}>
      {body}
    </Link>
  ) : (
    <div className={`kpi${tone ? ` kpi-${tone}` : ""}`} data-testid={testId}>
      {body}
    </div>
  );
}

function KpiPair({ testId, label, first, second, to }: { testId: string; label: string; first: [string, string]; second: [string, string]; to?: string }) {
  const { t } = useI18n();
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-pair">
        <span>
          <span className="kpi-value" data-testid={`${testId}-first`}>
            {first[1]}
          </span>
          <span className="kpi-sub">{first[0]}</span>
        </span>
        <span>
          <span className="kpi-value" data-testid={`${testId}-second`}>
            {second[1]}
          </span>
          <span className="kpi-sub">{second[0]}</span>
        </span>
      </span>
    </>
  );
  return to ? (
    <Link to={to} className="kpi kpi-link" data-testid={testId} title={t("kpi.openList")}>
      {body}
    </Link>
  ) : (
    <div className="kpi" data-testid={testId}>
      {body}
    </div>
  );
}
