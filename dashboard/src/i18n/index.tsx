import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";

import { en } from "./en";
import { type MessageKey, vi } from "./vi";

/** Interface languages: Vietnamese (default) and English. */
export type Language = "vi" | "en";

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = "tiepdan.dashboard.lang";

/** Translates a key, filling `{name}` placeholders. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
  /** A label for an enum value under a prefix ("status." + "RECEIVED"), or the value itself when unknown. */
  label(prefix: string, value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get("lang");
  if (fromUrl === "en" || fromUrl === "vi") {
    return fromUrl;
  }
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** Provides the language and the translation functions to the page. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    // Screen readers and the browser's hyphenation follow the page's language.
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const t: Translate = (key, vars) => {
      const text = dict[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
    };
    const label = (prefix: string, v: string | null | undefined): string => {
      if (!v) {
        return "–";
      }
      const key = `${prefix}.${v}` as MessageKey;
      return key in dict ? dict[key] : v;
    };
    return { lang, setLang, t, label };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its translation functions. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error("useI18n outside I18nProvider");
  }
  return value;
}
