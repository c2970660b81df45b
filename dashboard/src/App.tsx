import { CapabilitiesProvider, useCapabilities } from "./api/capabilities";
import { useQuery } from "./api/client";
import { Provinces } from "./api/operations";
import { type Scope, levelOfCode, useScope } from "./api/scope";
import { Loadable } from "./components/Status";
import { useI18n } from "./i18n";
import { PERIOD_KINDS, type PeriodKind, currentYear, parsePeriod, periodOf } from "./period";
import { Link, type Route, href, navigate, useRoute } from "./router";
import { CaseDetail } from "./views/CaseDetail";
import { CaseList } from "./views/CaseList";
import { OverdueList } from "./views/Overdue";
import { Overview } from "./views/Overview";

/** The province shown when the URL names none: Ninh Bình. */
const DEFAULT_UNIT = "37";
const FIRST_YEAR = 2010;

/** The dashboard: header with the selection, then the view of the route. */
export function App() {
  const { t } = useI18n();
  return (
    <CapabilitiesProvider
      fallback={({ error, reload }) => (
        <div className="page">
          <Loadable loading={!error} error={error} reload={reload} testId="capabilities">
            {null}
          </Loadable>
        </div>
      )}
    >
      <Shell />
      <footer className="footer muted small">{t("app.title")} · TiepDan</footer>
    </CapabilitiesProvider>
  );
}

/** The selection every view shares, from the URL. */
function selectionOf(route: Route): { unit: string; period: string } {
  const unit = route.params.get("unit") ?? DEFAULT_UNIT;
  const period = route.params.get("period") ?? String(currentYear());
  return { unit: /^\d{2}$|^\d{3}$|^\d{5}$/.test(unit) ? unit : DEFAULT_UNIT, period };
}

function Shell() {
  const route = useRoute();
  const { t, label } = useI18n();
  const caps = useCapabilities();
  const { unit, period } = selectionOf(route);
  const { scope, error, loading, reload } = useScope(unit);
  const { year, kind } = parsePeriod(period);
  const periodLabel = `${kind === "year" ? "" : `${t(`period.${kind}`)} `}${year}`.trim();
  const keep = { unit, period };

  return (
    <>
      <Header unit={unit} period={period} scope={scope} route={route} />
      <main className="page" data-testid="page" data-levels={caps.districts ? "3" : "2"}>
        {!caps.districts && (
          <div className="notice info" data-testid="two-level">
            {t("app.twoLevel")}
          </div>
        )}
        <nav className="crumbs" aria-label="breadcrumb" data-testid="breadcrumb">
          {(scope?.path ?? []).map((u, i, all) => (
            <span key={u.code}>
              {i > 0 && <span className="sep">›</span>}
              {i === all.length - 1 && route.view === "overview" ? (
                <strong data-testid={`crumb-${u.level.toLowerCase()}`}>{u.name}</strong>
              ) : (
                <Link to={href("", { unit: u.code, period })} data-testid={`crumb-${u.level.toLowerCase()}`}>
                  {u.name}
                </Link>
              )}
              <span className="level-tag">{label("levelShort", u.level)}</span>
            </span>
          ))}
        </nav>
        <Loadable loading={loading && !scope} error={error} reload={reload} testId="scope">
          {scope && <View route={route} scope={scope} period={period} periodLabel={periodLabel} keep={keep} />}
        </Loadable>
      </main>
    </>
  );
}

function View({ route, scope, period, periodLabel, keep }: { route: Route; scope: Scope; period: string; periodLabel: string; keep: { unit: string; period: string } }) {
  const { t } = useI18n();
  switch (route.view) {
    case "overview":
      return <Overview key={`${scope.code}/${period}`} scope={scope} period={period} periodLabel={periodLabel} />;
    case "cases":
      return <CaseList scope={scope} params={route.params} defaults={keep} />;
    case "overdue":
      return <OverdueList scope={scope} params={route.params} />;
    case "case":
      return <CaseDetail level={route.level} id={route.id} keep={keep} />;
    default:
      return (
        <div className="notice" data-testid="not-found">
          {t("app.notFound")} · <Link to={href("", keep)}>{t("nav.overview")}</Link>
        </div>
      );
  }
}

function Header({ unit, period, scope, route }: { unit: string; period: string; scope?: Scope; route: Route }) {
  const { t, lang, setLang } = useI18n();
  const provinces = useQuery(Provinces, {});
  const { year, kind } = parsePeriod(period);
  const provinceCode = scope?.path[0]?.code ?? (levelOfCode(unit) === "PROVINCE" ? unit : unit.slice(0, 2));
  const years: number[] = [];
  for (let y = currentYear(); y >= FIRST_YEAR; y--) {
    years.push(y);
  }
  // A new selection keeps the view when it makes sense there (lists), else goes to the overview.
  const select = (next: { unit?: string; period?: string }): void => {
    const params = new URLSearchParams(route.params);
    params.set("unit", next.unit ?? unit);
    params.set("period", next.period ?? period);
    if (next.unit) {
      params.delete("only");
    }
    const path = route.view === "overdue" ? "overdue" : route.view === "cases" && !next.unit ? "cases" : "";
    navigate(href(path, Object.fromEntries(params)));
  };
  const nav = [
    { view: "overview", to: href("", { unit, period }), label: t("nav.overview") },
    { view: "overdue", to: href("overdue", { unit, period }), label: t("nav.overdue") },
  ];
  return (
    <header className="header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          TD
        </span>
        <div>
          <div className="brand-title">{t("app.title")}</div>
          <div className="brand-sub">{t("app.subtitle")}</div>
        </div>
      </div>
      <nav className="tabs" aria-label="views">
        {nav.map((n) => (
          <Link key={n.view} to={n.to} className={route.view === n.view ? "tab active" : "tab"} data-testid={`nav-${n.view}`}>
            {n.label}
          </Link>
        ))}
      </nav>
      <div className="controls">
        <label>
          <span>{t("select.province")}</span>
          <select data-testid="select-province" value={provinceCode} onChange={(e) => select({ unit: e.target.value })}>
            {(provinces.data?.provinces ?? [{ code: provinceCode, fullName: scope?.path[0]?.name ?? provinceCode }]).map((p) => (
              <option key={p.code} value={p.code}>
                {p.fullName}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("select.year")}</span>
          <select data-testid="select-year" value={year} onChange={(e) => select({ period: periodOf(Number(e.target.value), kind) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("select.period")}</span>
          <select data-testid="select-period" value={kind} onChange={(e) => select({ period: periodOf(year, e.target.value as PeriodKind) })}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`period.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="lang" role="group" aria-label={t("select.language")}>
          {(["vi", "en"] as const).map((l) => (
            <button key={l} type="button" className={lang === l ? "active" : ""} aria-pressed={lang === l} onClick={() => setLang(l)} data-testid={`lang-${l}`}>
              {l === "vi" ? "VI" : "EN"}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
