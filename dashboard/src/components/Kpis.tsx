import { useCapabilities } from "../api/capabilities";
import type { HeadlineFragment } from "../gql/graphql";
import { formatCount, formatRate } from "../i18n/format";
import { useI18n } from "../i18n";
import { type CaseListSpec, type Figure, casesHref, figureHref } from "../links";
import { Link } from "../router";

/**
 * The headline figures of a scope: reception, petitions, resolution, rates, overdue now. Each
 * figure that a case list can hold exactly opens that list (each number of a pair its own); with
 * an API whose CaseFilter cannot say "accepted / resolved in the period" the resolution figures
 * open nothing rather than a list of another count.
 */
export function Kpis({ figures, overdue, list }: { figures: HeadlineFragment; overdue: number | undefined; list: Omit<CaseListSpec, "title"> }) {
  const { t } = useI18n();
  const caps = useCapabilities();
  const figureTo = (figure: Figure): string | undefined => (caps.figureLists ? figureHref(figure, list) : undefined);
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
        first={{ label: t("kpi.accepted"), value: formatCount(c.newlyAccepted), to: figureTo("complaintsAccepted") }}
        second={{ label: t("kpi.resolved"), value: formatCount(c.resolved), to: figureTo("complaintsResolved") }}
      />
      <KpiPair
        testId="kpi-denunciations"
        label={t("kpi.denunciations")}
        first={{ label: t("kpi.accepted"), value: formatCount(d.newlyAccepted), to: figureTo("denunciationsAccepted") }}
        second={{ label: t("kpi.resolved"), value: formatCount(d.resolved), to: figureTo("denunciationsResolved") }}
      />
      <KpiPair testId="kpi-resolution-rate" label={t("kpi.resolutionRate")} first={{ label: t("kind.COMPLAINT"), value: formatRate(c.resolutionRate) }} second={{ label: t("kind.DENUNCIATION"), value: formatRate(d.resolutionRate) }} />
      <KpiPair testId="kpi-on-time-rate" label={t("kpi.onTimeRate")} first={{ label: t("kind.COMPLAINT"), value: formatRate(c.onTimeRate) }} second={{ label: t("kind.DENUNCIATION"), value: formatRate(d.onTimeRate) }} />
      <Kpi
        testId="kpi-withdrawn"
        label={t("kpi.withdrawn")}
        value={formatCount(c.withdrawnAfterPersuasion + d.withdrawnAfterPersuasion)}
        sub={t("kpi.withdrawn.sub", { c: formatCount(c.withdrawnAfterPersuasion), d: formatCount(d.withdrawnAfterPersuasion) })}
        to={figureTo("withdrawn")}
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

/** One number of a pair, with what it counts and, when it has one, its list. */
interface Half {
  label: string;
  value: string;
  to?: string;
}

function KpiPair({ testId, label, first, second }: { testId: string; label: string; first: Half; second: Half }) {
  const { t } = useI18n();
  const half = (h: Half, which: "first" | "second") => {
    const body = (
      <>
        <span className="kpi-value" data-testid={`${testId}-${which}`}>
          {h.value}
        </span>
        <span className="kpi-sub">{h.label}</span>
      </>
    );
    // Each number is its own link (a link cannot hold another): the card's two figures open two lists.
    return h.to ? (
      <Link to={h.to} className="kpi-half kpi-link" data-testid={`${testId}-${which}-link`} title={t("kpi.openList")}>
        {body}
      </Link>
    ) : (
      <span className="kpi-half">{body}</span>
    );
  };
  return (
    <div className="kpi" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-pair">
        {half(first, "first")}
        {half(second, "second")}
      </span>
    </div>
  );
}
