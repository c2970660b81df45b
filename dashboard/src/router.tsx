import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from "react";

// A few client routes under the base path (/dashboard/), kept in the URL so that every view can
// be bookmarked and shared; the gateway answers index.html for all of them.
const BASE = import.meta.env.BASE_URL;

/** Levels of the administrative hierarchy, as the API names them. */
export type Level = "PROVINCE" | "DISTRICT" | "COMMUNE";

/** A view of the dashboard and its parameters. */
export type Route =
  | { view: "overview"; params: URLSearchParams }
  | { view: "cases"; params: URLSearchParams }
  | { view: "overdue"; params: URLSearchParams }
  | { view: "case"; params: URLSearchParams; level: Level; id: string }
  | { view: "notFound"; params: URLSearchParams };

const LEVEL_PATHS: Record<string, Level> = { province: "PROVINCE", district: "DISTRICT", commune: "COMMUNE" };

/** Reads the route from the browser's location. */
export function currentRoute(): Route {
  const params = new URLSearchParams(window.location.search);
  let path = window.location.pathname;
  if (path.startsWith(BASE)) {
    path = path.slice(BASE.length);
  } else if (`${path}/` === BASE) {
    path = "";
  }
  const parts = path.split("/").filter(Boolean);
  if (parts.length === 0) {
    return { view: "overview", params };
  }
  if (parts.length === 1 && (parts[0] === "cases" || parts[0] === "overdue")) {
    return { view: parts[0], params };
  }
  if (parts.length === 3 && parts[0] === "case" && LEVEL_PATHS[parts[1]!]) {
    return { view: "case", params, level: LEVEL_PATHS[parts[1]!]!, id: decodeURIComponent(parts[2]!) };
  }
  return { view: "notFound", params };
}

/** The URL of a view: `href("cases", { unit: "37" })`. Empty parameters are left out. */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(name, String(value));
    }
  }
  const query = search.toString();
  return `${BASE}${path}${query ? `?${query}` : ""}`;
}

/** The path of a case's page. */
export function casePath(level: Level, id: string): string {
  return `case/${level.toLowerCase()}/${encodeURIComponent(id)}`;
}

const CHANGE = "tiepdan:navigate";

/** Goes to a URL of the dashboard without reloading the page. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, "", url);
  } else {
    window.history.pushState(null, "", url);
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(CHANGE));
}

/** The current route, updated on navigation and on the browser's back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    window.addEventListener("popstate", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/** A link inside the dashboard: a real <a href> (open in a new tab works), navigated in place. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
