// Browser entry of the offline GraphiQL explorer, bundled by scripts/build-explorer.mjs.
// Everything it needs (code, styles, fonts) ends up in dist/explorer/assets: nothing is
// fetched from outside the gateway's origin, so it works on networks without internet.
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { DOC_EXPLORER_PLUGIN } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
// Virtual module written by the build script from explorer/examples/*.graphql (+ .json variables).
import { examples } from "tiepdan:examples";
import "graphiql/graphiql.css";
import "./explorer.css";

interface Example {
  query: string;
  variables?: string;
}

const container = document.getElementById("graphiql");
if (!container) throw new Error("TiepDan explorer: element #graphiql is missing from the page");

// The server writes the endpoint into the page (it knows where the router is mounted);
// resolving against the page's own URL keeps every request same-origin.
const endpoint = new URL(container.dataset.endpoint || "/graphql", window.location.href).href;

const fetcher = createGraphiQLFetcher({
  url: endpoint,
  // Same-origin cookies only: the gateway decides what they mean.
  fetch: (input: RequestInfo | URL, init?: RequestInit) => window.fetch(input, { ...init, credentials: "same-origin" }),
});

const defaultTabs = (examples as Example[]).map((e) => ({ query: e.query, variables: e.variables ?? null }));

createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={defaultTabs}
    defaultEditorToolsVisibility="variables"
    // Open the schema documentation: most visitors come to find out what they can ask.
    visiblePlugin={DOC_EXPLORER_PLUGIN}
    // Headers may hold tokens: don't keep them in localStorage on shared office computers.
    shouldPersistHeaders={false}
  />,
);
