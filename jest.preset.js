// Shared jest settings of every workspace: swc (emits decorator metadata), workspace packages
// mapped to their TypeScript sources (no build needed), one PostgreSQL server per run.
const path = require("node:path");

const root = __dirname;
const source = {
  kit: "services/kit/src/index.ts",
  province: "services/province/src/index.ts",
  district: "services/district/src/index.ts",
  commune: "services/commune/src/index.ts",
  gateway: "gateway/src/index.ts",
  tools: "tools/src/index.ts",
};

const reporters = ["default"];
if (process.env.TIEPDAN_JEST_RESULTS) {
  reporters.push(path.join(root, "tools/jest/results-reporter.js"));
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
          target: "es2022",
        },
        module: { type: "commonjs" },
      },
    ],
  },
  setupFiles: ["reflect-metadata"],
  moduleNameMapper: Object.fromEntries(
    Object.entries(source).map(([name, file]) => [`^@tiepdan/${name}$`, path.join(root, file)]),
  ),
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  globalSetup: path.join(root, "tools/jest/global-setup.js"),
  globalTeardown: path.join(root, "tools/jest/global-teardown.js"),
  reporters,
  testTimeout: 60000,
};
