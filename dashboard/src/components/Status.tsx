import type { ReactNode } from "react";

import type { GraphQLErrorItem } from "../api/client";
import { useI18n } from "../i18n";

/** A loading placeholder, an error with a retry, or the content. */
export function Loadable({ loading, error, reload, children, testId }: { loading: boolean; error?: Error; reload?: () => void; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  if (error) {
    return (
      <div className="notice error" role="alert" data-testid={testId ? `${testId}-error` : "error"}>
        <strong>{t("app.error")}</strong>: {error.message}
        {reload && (
          <button type="button" onClick={reload}>
            {t("app.retry")}
          </button>
        )}
      </div>
    );
  }
  if (loading) {
    return (
      <div className="loading" aria-busy="true" data-testid={testId ? `${testId}-loading` : "loading"}>
        <span className="spinner" /> {t("app.loading")}
      </div>
    );
  }
  return <>{children}</>;
}

/** Says which parts are missing when a level was unavailable (the rest is still shown). */
export function PartialNotice({ errors }: { errors: GraphQLErrorItem[] }) {
  const { t } = useI18n();
  if (errors.length === 0) {
    return null;
  }
  const what = [...new Set(errors.map((e) => e.extensions?.serviceName ?? e.message))].join(", ");
  return (
    <div className="notice warn" role="status" data-testid="partial">
      {t("app.partial", { what })}
    </div>
  );
}
