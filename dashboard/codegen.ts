import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents from the operations in src/ against the API schema of the committed supergraph
// (scripts/api-schema.mjs). Documents are plain strings at run time: no GraphQL library in the page.
const config: CodegenConfig = {
  schema: "schema/api.graphql",
  documents: ["src/**/*.ts", "src/**/*.tsx", "!src/gql/**"],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { LocalDate: "string", DateTimeISO: "string" },
      },
    },
  },
};

export default config;
