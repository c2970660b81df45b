import type { CaseRow } from "../api/cases";
import { daysLate } from "../api/cases";
import { formatCount, formatDate } from "../i18n/format";
import { useI18n } from "../i18n";
import { Link, casePath, href } from "../router";

/** Cases as a table; each opens its page. `lateFirst` puts the days late up front (overdue list). */
export function CaseTable({ rows, keep, lateFirst }: { rows: CaseRow[]; keep: { unit: string; period: string }; lateFirst?: boolean }) {
  const { t, label } = useI18n();
  return (
    <div className="table-wrap">
      <table className="cases" data-testid="case-table">
        <thead>
          <tr>
            {lateFirst && <th className="num">{t("col.daysLate")}</th>}
            <th>{t("col.received")}</th>
            <th className="wide">{t("col.summary")}</th>
            <th>{t("col.kind")}</th>
            <th>{t("col.status")}</th>
            <th>{t("col.level")}</th>
            <th>{t("col.body")}</th>
            <th>{t("col.due")}</th>
            {!lateFirst && <th className="num">{t("col.daysLate")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const late = daysLate(c);
            const lateCell = (
              <td className={`num${c.overdue ? " alert" : ""}`} data-col="daysLate">
                {c.overdue ? formatCount(late) : ""}
              </td>
            );
            return (
              <tr key={`${c.level}:${c.id}`} className={c.overdue ? "overdue" : undefined} data-testid="case-row" data-case-id={c.id} data-level={c.level}>
                {lateFirst && lateCell}
                <td>{formatDate(c.receivedAt)}</td>
                <td className="wide">
                  <Link to={href(casePath(c.level, c.id), keep)} data-testid="case-link">
                    {c.summary}
                  </Link>
                </td>
                <td>{c.kind ? label("kind", c.kind) : t("kind.none")}</td>
                <td>
                  <span className={`status status-${c.status}`}>{label("status", c.status)}</span>
                </td>
                <td>{label("levelShort", c.level)}</td>
                <td>{c.unit.name}</td>
                <td className={c.overdue ? "alert" : undefined}>{formatDate(c.dueAt)}</td>
                {!lateFirst && lateCell}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
