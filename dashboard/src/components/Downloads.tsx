import { API_ROOT } from "../api/client";
import { useI18n } from "../i18n";

const FORMS = ["01-TCD", "01-XLD", "01-KQGQ", "03-KQGQ"] as const;

/** Links to the statutory forms of the selection, made by the gateway's /reports endpoint. */
export function Downloads({ unit, unitName, period, periodLabel }: { unit: string; unitName: string; period: string; periodLabel: string }) {
  const { t } = useI18n();
  const url = (form: string, format: "csv" | "xlsx"): string => `${API_ROOT}reports/${form}.${format}?${new URLSearchParams({ unit, period }).toString()}`;
  return (
    <section className="card" data-testid="downloads">
      <h2>{t("section.downloads")}</h2>
      <p className="muted">{t("downloads.hint", { unit: unitName, period: periodLabel })}</p>
      <ul className="downloads">
        {FORMS.map((form) => (
          <li key={form}>
            <span>{t(`form.${form}`)}</span>
            <span className="formats">
              <a href={url(form, "xlsx")} download data-testid={`download-${form}-xlsx`}>
                XLSX
              </a>
              <a href={url(form, "csv")} download data-testid={`download-${form}-csv`}>
                CSV
              </a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
