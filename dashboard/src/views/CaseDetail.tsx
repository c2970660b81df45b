import { useQuery } from "../api/client";
import { CaseDetailCommune, CaseDetailDistrictThreeLevel, CaseDetailProvince } from "../api/operations";
import { useCapabilities } from "../api/capabilities";
import { Loadable, PartialNotice } from "../components/Status";
import type { CaseDetailProvinceQuery, JourneyCaseFragment } from "../gql/graphql";
import { daysBetween, formatDate, formatDateTime, todayInVietnam } from "../i18n/format";
import { useI18n } from "../i18n";
import { type Level, Link, casePath, href } from "../router";

type Detail = CaseDetailProvinceQuery["provinceCase"];
type Event = Detail["timeline"][number];
type JourneyCase = ({ __typename?: string } & Partial<JourneyCaseFragment>) | null | undefined;

const LEVEL_OF_TYPE: Record<string, Level> = { ProvinceCase: "PROVINCE", DistrictCase: "DISTRICT", CommuneCase: "COMMUNE" };

/** A deadline a step of the timeline set, and how it ended. */
interface StepDeadline {
  step: string | null;
  dueAt: string;
  /** Days past the deadline when the step ended (or today, while it runs and is overdue). */
  late: number;
  state: "onTime" | "late" | "running" | "overdueNow";
}

/** The value of a timeline change ("\"2024-03-01\"" → "2024-03-01", "null" → null). */
function changed(event: Event, field: string): string | null | undefined {
  const change = event.changes.find((c) => c.field === field);
  if (!change) {
    return undefined;
  }
  try {
    return JSON.parse(change.after ?? "null") as string | null;
  } catch {
    return change.after ?? null;
  }
}

/** The value a timeline change replaced. */
function previous(event: Event, field: string): string | null | undefined {
  const change = event.changes.find((c) => c.field === field);
  if (!change) {
    return undefined;
  }
  try {
    return JSON.parse(change.before ?? "null") as string | null;
  } catch {
    return change.before ?? null;
  }
}

/**
 * Each timeline event that started a deadline, with how that step ended: the event that next
 * changed the deadline (or the step) closed it, late when its date was past the deadline.
 */
export function deadlinesOf(detail: Pick<Detail, "timeline" | "overdue" | "onHold" | "dueAt" | "dueStep">): Map<number, StepDeadline> {
  const result = new Map<number, StepDeadline>();
  let open: { index: number; dueAt: string; step: string | null } | null = null;
  detail.timeline.forEach((event, index) => {
    const due = changed(event, "dueAt");
    const step = changed(event, "dueStep");
    if (due === undefined && step === undefined) {
      return;
    }
    if (!open && index > 0 && result.size === 0) {
      // Registration sets the first deadline without recording it: the first change's "before" says it.
      const before = previous(event, "dueAt");
      if (before) {
        open = { index: 0, dueAt: before, step: previous(event, "dueStep") ?? null };
      }
    }
    if (open) {
      const late = Math.max(0, daysBetween(open.dueAt, event.effectiveOn));
      result.set(open.index, { step: open.step, dueAt: open.dueAt, late, state: late > 0 ? "late" : "onTime" });
    }
    const dueAt = due === undefined ? (open?.dueAt ?? null) : due;
    open = dueAt ? { index, dueAt, step: step === undefined ? (open?.step ?? null) : step } : null;
  });
  // The step running now has the case's own dueAt (suspensions and extensions counted); a case
  // whose timeline never recorded it (received by transfer, imported) gets it on its first event.
  const running = open as { index: number; dueAt: string; step: string | null } | null;
  if (detail.dueAt && detail.timeline.length > 0) {
    const index = running?.index ?? 0;
    const late = Math.max(0, daysBetween(detail.dueAt, todayInVietnam()));
    result.set(index, { step: detail.dueStep ?? running?.step ?? null, dueAt: detail.dueAt, late, state: detail.overdue && !detail.onHold ? "overdueNow" : "running" });
  }
  return result;
}

/** A case's page: what it is about, its deadline, its journey across levels and its timeline. */
export function CaseDetail({ level, id, keep }: { level: Level; id: string; keep: { unit: string; period: string } }) {
  const caps = useCapabilities();
  const vars = { id };
  const p = useQuery(level === "PROVINCE" ? CaseDetailProvince : null, vars);
  const d = useQuery(level === "DISTRICT" && caps.districts ? CaseDetailDistrictThreeLevel : null, vars);
  const c = useQuery(level === "COMMUNE" ? CaseDetailCommune : null, vars);
  const q = level === "PROVINCE" ? p : level === "DISTRICT" ? d : c;
  const detail = (p.data?.provinceCase ?? d.data?.districtCase ?? c.data?.communeCase) as Detail | undefined;
  return (
    <Loadable loading={q.loading && !detail} error={q.error ?? (level === "DISTRICT" && !caps.districts ? new Error("no district level") : undefined)} reload={q.reload} testId="case">
      <PartialNotice errors={q.errors} />
      {detail && <CaseView detail={detail} keep={keep} />}
    </Loadable>
  );
}

function CaseView({ detail, keep }: { detail: Detail; keep: { unit: string; period: string } }) {
  const { t, label } = useI18n();
  const deadlines = deadlinesOf(detail);
  const late = detail.overdue && detail.daysLeft !== null && detail.daysLeft !== undefined ? -detail.daysLeft : 0;
  return (
    <>
      <section className="card case-head" data-testid="case-detail">
        <div className="card-head">
          <h2>
            {t("case.title")} · <span className="muted">{label("level", detail.level)}</span>
          </h2>
          <span className={`status status-${detail.status}`} data-testid="case-status">
            {label("status", detail.status)}
          </span>
        </div>
        <p className="case-summary" data-testid="case-summary">
          {detail.summary}
        </p>
        <dl className="facts">
          <div>
            <dt>{t("col.kind")}</dt>
            <dd>{detail.kind ? label("kind", detail.kind) : t("kind.none")}</dd>
          </div>
          <div>
            <dt>{t("case.body")}</dt>
            <dd>{detail.unit.name}</dd>
          </div>
          <div>
            <dt>{t("case.received")}</dt>
            <dd>{formatDate(detail.receivedAt)}</dd>
          </div>
          {detail.field && (
            <div>
              <dt>{t("case.field")}</dt>
              <dd>{label("field", detail.field)}</dd>
            </div>
          )}
          {detail.respondent && (
            <div>
              <dt>{t("case.respondent")}</dt>
              <dd>{detail.respondent}</dd>
            </div>
          )}
          <div className={detail.overdue ? "due overdue" : "due"} data-testid="case-due">
            <dt>{t("case.due")}</dt>
            <dd>
              {detail.dueAt ? (
                <>
                  {formatDate(detail.dueAt)}
                  {detail.dueStep && <span className="muted"> ({label("step", detail.dueStep)})</span>}
                  <br />
                  <strong className={detail.overdue ? "alert" : "ok"} data-testid="case-days">
                    {detail.onHold ? t("case.onHold") : detail.overdue ? t("case.daysLate", { n: late }) : t("case.daysLeft", { n: detail.daysLeft ?? 0 })}
                  </strong>
                </>
              ) : (
                t("case.noDeadline")
              )}
            </dd>
          </div>
          {detail.dueRule && (
            <div>
              <dt>{t("case.dueRule")}</dt>
              <dd className="small">
                {detail.dueRule.law}, {detail.dueRule.article}
              </dd>
            </div>
          )}
        </dl>
        {detail.transfer && (
          <p className="muted small">{t("case.transfer", { status: label("hop", detail.transfer.status), attempts: detail.transfer.attempts })}</p>
        )}
      </section>

      <section className="card" data-testid="journey">
        <h2>{t("case.journey")}</h2>
        <Journey journey={detail.journey} self={detail.id} keep={keep} />
      </section>

      <section className="card" data-testid="timeline">
        <h2>{t("case.timeline")}</h2>
        <ol className="timeline">
          {detail.timeline.map((event, i) => {
            const deadline = deadlines.get(i);
            const bad = deadline && (deadline.state === "late" || deadline.state === "overdueNow");
            return (
              <li key={i} className={bad ? "late" : undefined} data-testid="timeline-event" data-late={bad ? "true" : "false"}>
                <div className="when">{formatDate(event.effectiveOn)}</div>
                <div className="what">
                  <strong>{label("action", event.action)}</strong>
                  <span className="muted">
                    {" "}
                    {event.fromStatus ? `${label("status", event.fromStatus)} → ` : ""}
                    {label("status", event.toStatus)}
                  </span>
                  {event.note && <div className="note">{event.note}</div>}
                  {deadline && (
                    <div className={`deadline deadline-${deadline.state}`} data-testid="deadline" data-state={deadline.state}>
                      {t("case.timeline.due", { step: deadline.step ? label("step", deadline.step) : "", date: formatDate(deadline.dueAt) })}
                      {" · "}
                      {deadline.state === "late"
                        ? t("case.timeline.late", { n: deadline.late })
                        : deadline.state === "overdueNow"
                          ? t("case.timeline.overdueNow", { n: deadline.late })
                          : deadline.state === "running"
                            ? t("case.timeline.running")
                            : t("case.timeline.onTime")}
                    </div>
                  )}
                  <div className="muted small">
                    {formatDateTime(event.at)}
                    {event.actor ? ` · ${t("case.timeline.by", { actor: event.actor })}` : ""}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

function Journey({ journey, self, keep }: { journey: Detail["journey"]; self: string; keep: { unit: string; period: string } }) {
  const { t, label } = useI18n();
  if (journey.hops.length === 0) {
    return (
      <p className="muted" data-testid="journey-none">
        {t("case.journey.none")}
      </p>
    );
  }
  const holder = journey.currentHolder as JourneyCase;
  const first = (journey.hops[0]!.fromCase ?? journey.origin) as JourneyCase;
  const node = (c: JourneyCase, fallbackLevel: Level, fallbackBody: string, testId: string) => {
    const level = (c?.__typename && LEVEL_OF_TYPE[c.__typename]) || c?.level || fallbackLevel;
    const isSelf = c?.id === self;
    const isHolder = !!c?.id && c.id === holder?.id;
    return (
      <div className={`journey-node${isHolder ? " holder" : ""}${isSelf ? " self" : ""}${c?.overdue ? " overdue" : ""}`} data-testid={testId} data-level={level}>
        <span className="level-tag">{label("level", level)}</span>
        <strong>{c?.unit?.name ?? fallbackBody}</strong>
        {c?.status && <span className={`status status-${c.status}`}>{label("status", c.status)}</span>}
        {c?.dueAt && <span className={c.overdue ? "alert small" : "muted small"}>{formatDate(c.dueAt)}</span>}
        {isHolder && <span className="badge">{t("case.journey.holder")}</span>}
        {c?.id && !isSelf && (
          <Link to={href(casePath(level, c.id), keep)} className="small" data-testid="journey-open">
            {t("case.journey.open")} →
          </Link>
        )}
      </div>
    );
  };
  return (
    <div className="journey" data-testid="journey-chain">
      {node(first, journey.hops[0]!.fromLevel as Level, journey.hops[0]!.fromBodyId, "journey-node")}
      {journey.hops.map((hop) => (
        <div key={hop.id} className="journey-step">
          <div className={`journey-arrow hop-${hop.status}`} data-testid="journey-hop" data-status={hop.status}>
            <span className="small">{label("hopKind", hop.kind)}</span>
            <span className="arrow">→</span>
            <span className={`small hop-status hop-${hop.status}`}>{label("hop", hop.status)}</span>
            <span className="muted small">{t("case.journey.sent", { date: formatDate(hop.sentOn) })}</span>
            {hop.returnReason && <span className="muted small">{hop.returnReason}</span>}
          </div>
          {node(hop.toCase as JourneyCase, hop.toLevel as Level, hop.toBodyId, "journey-node")}
        </div>
      ))}
      {journey.inTransit && <span className="badge warn">{t("case.journey.inTransit")}</span>}
    </div>
  );
}
