import { useCallback, useEffect, useRef, useState } from "react";

import type { TypedDocumentString } from "../gql/graphql";

/** Where the gateway is: the dashboard is served at <root>dashboard/, the API at <root>graphql. */
export const API_ROOT = import.meta.env.BASE_URL.replace(/dashboard\/$/, "");

/** One error of a GraphQL response. */
export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string };
}

/** A request that gave no usable data. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly errors: GraphQLErrorItem[] = [],
  ) {
    super(message);
  }
}

/** What an operation gave: its data, and the errors of the parts that failed (a level down). */
export interface Answer<R> {
  data: R;
  errors: GraphQLErrorItem[];
}

/** Sends one operation to the gateway, as any client does; a level that was briefly unreachable is asked once more. */
export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<Answer<R>> {
  try {
    const answer = await send(document, variables, signal);
    if (!answer.errors.some(unavailable)) {
      return answer;
    }
  } catch (error) {
    if (!(error instanceof ApiError) || !error.errors.some(unavailable)) {
      throw error;
    }
  }
  // The dashboard only reads: asking again is harmless, and a blip (a restart, a dropped
  // connection) should not leave a hole in the figures.
  await new Promise((r) => setTimeout(r, 300));
  return send(document, variables, signal);
}

const unavailable = (e: GraphQLErrorItem): boolean => e.extensions?.code === "SUBGRAPH_UNAVAILABLE";

async function send<R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<Answer<R>> {
  const res = await fetch(`${API_ROOT}graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  let body: { data?: R | null; errors?: GraphQLErrorItem[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP ${res.status}`);
  }
  if (!body.data) {
    throw new ApiError(body.errors?.map((e) => e.message).join("; ") || `HTTP ${res.status}`, body.errors ?? []);
  }
  return { data: body.data, errors: body.errors ?? [] };
}

// Answers kept for the page's life: going back to a view shows it at once. Figures are read
// again on "reload" or when the selection changes.
const cache = new Map<string, Answer<unknown>>();

/** The state of a query in a component. */
export interface QueryState<R> {
  data: R | undefined;
  errors: GraphQLErrorItem[];
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/** Runs an operation when its variables change; `null` skips it (a capability is missing). */
export function useQuery<R, V>(document: TypedDocumentString<R, V> | null, variables: V): QueryState<R> {
  const key = document ? `${document.toString()}\n${JSON.stringify(variables)}` : "";
  const cached = key ? (cache.get(key) as Answer<R> | undefined) : undefined;
  const [state, setState] = useState<{ key: string; answer?: Answer<R>; error?: Error; loading: boolean }>({ key, answer: cached, loading: !!key && !cached });
  const [generation, setGeneration] = useState(0);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  useEffect(() => {
    if (!document) {
      setState({ key, loading: false });
      return undefined;
    }
    const hit = cache.get(key) as Answer<R> | undefined;
    if (hit && generation === 0) {
      setState({ key, answer: hit, loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ key, answer: s.key === key ? s.answer : undefined, loading: true }));
    execute(document, variablesRef.current, controller.signal).then(
      (answer) => {
        cache.set(key, answer);
        setState({ key, answer, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ key, error: error instanceof Error ? error : new Error(String(error)), loading: false });
        }
      },
    );
    return () => controller.abort();
  }, [key, generation, document]);

  const reload = useCallback(() => {
    cache.delete(key);
    setGeneration((g) => g + 1);
  }, [key]);
  const current = state.key === key ? state : { answer: cached, error: undefined, loading: !!key && !cached };
  return { data: current.answer?.data, errors: current.answer?.errors ?? [], error: current.error, loading: current.loading, reload };
}
