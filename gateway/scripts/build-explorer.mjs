#!/usr/bin/env node
// Bundles the offline GraphiQL explorer (explorer/client.tsx) into dist/explorer/:
//   index.html                          explorer/index.html with the hashed asset names filled in
//   assets/app-<hash>.js|.css (+.gz/.br) the client, GraphiQL, React and the example operations
//   assets/<font>-<hash>.woff2|.woff    GraphiQL's fonts
// Served by src/explorer.ts. Nothing in the output refers to another host: government
// networks are often offline, so a CDN or web font would leave a blank page.
import { readFileSync, readdirSync, existsSync, mkdirSync, rmSync, renameSync, writeFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { gzipSync, brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { buildSchema, parse, validate } from "graphql";

const started = performance.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = path.join(root, "explorer");
const examplesDir = path.join(sourceDir, "examples");
const outDir = path.join(root, "dist", "explorer");
// Built next to the final folder and swapped in at the end, so a running gateway never
// serves an index.html that points at assets that are not written yet.
const tmpDir = path.join(root, "dist", `.explorer-${process.pid}`);
process.on("exit", () => rmSync(tmpDir, { recursive: true, force: true })); // also when the build fails

/** Example operations, in file-name order, each with the variables of its sibling .json file. */
function readExamples() {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith(".graphql")).sort();
  if (files.length === 0) throw new Error(`no example operations in ${examplesDir}`);
  return files.map((file) => {
    const query = readFileSync(path.join(examplesDir, file), "utf8").trim() + "\n";
    const varsFile = path.join(examplesDir, file.replace(/\.graphql$/, ".json"));
    let variables;
    if (existsSync(varsFile)) {
      // Re-printed so a typo in the JSON fails the build instead of the visitor's first run.
      variables = JSON.stringify(JSON.parse(readFileSync(varsFile, "utf8")), null, 2);
    }
    return { file, query, variables };
  });
}

/** Fails the build when an example no longer matches the composed schema (renamed field...). */
function checkExamples(examples) {
  const supergraph = path.resolve(root, "..", "schema", "supergraph.graphql");
  if (!existsSync(supergraph)) {
    console.warn(`build-explorer: ${path.relative(process.cwd(), supergraph)} not found, examples not validated`);
    return;
  }
  // The join__/link__ definitions are plain SDL, so graphql-js builds the supergraph as is.
  const schema = buildSchema(readFileSync(supergraph, "utf8"));
  const problems = examples.flatMap(({ file, query }) =>
    validate(schema, parse(query)).map((e) => `${file}: ${e.message}`),
  );
  if (problems.length) throw new Error(`example operations do not match schema/supergraph.graphql:\n  ${problems.join("\n  ")}`);
}

/** Serves `import { examples } from "tiepdan:examples"` to the client. */
function examplesPlugin(examples) {
  return {
    name: "tiepdan-examples",
    setup(build) {
      build.onResolve({ filter: /^tiepdan:examples$/ }, (args) => ({ path: args.path, namespace: "tiepdan" }));
      build.onLoad({ filter: /.*/, namespace: "tiepdan" }, () => ({
        contents: `export const examples = ${JSON.stringify(examples.map(({ query, variables }) => ({ query, variables })))};`,
        loader: "js",
        watchFiles: examples.map(({ file }) => path.join(examplesDir, file)),
      }));
    },
  };
}

/**
 * @graphiql/toolkit imports graphql-ws lazily, only for subscriptions over websockets, which the
 * gateway does not offer; the package is not installed, so give the import a stub that says so.
 */
const noWebsocketsPlugin = {
  name: "no-graphql-ws",
  setup(build) {
    build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: "graphql-ws", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: `export function createClient() { throw new Error("subscriptions are not available in this explorer"); }`,
      loader: "js",
    }));
  },
};

/**
 * GraphiQL's stylesheet carries its fonts (Roboto and Fira Code, ~30 unicode-range subsets) as
 * base64 data: URLs, which makes every visitor download all of them (~340 KiB) up front. Write
 * them out as files instead: esbuild then emits them as hashed assets and the browser only
 * fetches the subsets the page uses (Latin and Vietnamese), from the gateway itself.
 */
function unInlineFontsPlugin(fontsDir) {
  return {
    name: "un-inline-fonts",
    setup(build) {
      build.onLoad({ filter: /[\\/]graphiql[\\/]dist[\\/]style\.css$/ }, (args) => {
        mkdirSync(fontsDir, { recursive: true });
        let n = 0;
        const css = readFileSync(args.path, "utf8").replace(/@font-face\{[^}]*\}/g, (face) => {
          const family = (/font-family:\s*"?([^;"]+)"?;/.exec(face)?.[1] ?? "font").trim().toLowerCase().replace(/\W+/g, "-");
          const weight = /font-weight:\s*(\d+)/.exec(face)?.[1] ?? "400";
          const italic = /font-style:\s*italic/.test(face) ? "i" : "";
          return face.replace(/url\(data:font\/(woff2?);base64,([A-Za-z0-9+/=]+)\)/g, (_, ext, data) => {
            const file = path.join(fontsDir, `${family}-${weight}${italic}-${++n}.${ext}`);
            writeFileSync(file, Buffer.from(data, "base64"));
            return `url(${JSON.stringify(file)})`;
          });
        });
        return { contents: css, loader: "css", resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** Writes .gz and .br next to each text asset: the server sends them as they are (no CPU per request). */
function precompress(file) {
  const data = readFileSync(file);
  writeFileSync(file + ".gz", gzipSync(data, { level: 9 }));
  writeFileSync(
    file + ".br",
    brotliCompressSync(data, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  );
}

const examples = readExamples();
checkExamples(examples);

rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });
const assetsDir = path.join(tmpDir, "assets");

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { app: path.join(sourceDir, "client.tsx") },
  bundle: true,
  outdir: assetsDir,
  // Hashed names let the server mark assets immutable; index.html itself is revalidated.
  entryNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  platform: "browser",
  format: "iife",
  target: ["es2020", "chrome87", "firefox78", "safari14", "edge88"],
  jsx: "automatic",
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  define: {
    "process.env.NODE_ENV": '"production"',
    // graphql-js only takes its production path when `globalThis.process` exists.
    "globalThis.process": "true",
  },
  // Any font or image a stylesheet refers to becomes a local file (or an inline data: URL).
  loader: {
    ".woff": "file",
    ".woff2": "file",
    ".ttf": "file",
    ".eot": "file",
    ".svg": "dataurl",
    ".png": "dataurl",
    ".gif": "dataurl",
  },
  plugins: [examplesPlugin(examples), noWebsocketsPlugin, unInlineFontsPlugin(path.join(tmpDir, "font-sources"))],
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => path.resolve(root, p));
const pick = (ext) => {
  const found = outputs.filter((p) => p.endsWith(ext));
  if (found.length !== 1) throw new Error(`expected one ${ext} output, got ${found.length}`);
  return found[0];
};
const appJs = pick(".js");
const appCss = pick(".css");
const href = (file) => path.relative(tmpDir, file).split(path.sep).join("/");

const html = readFileSync(path.join(sourceDir, "index.html"), "utf8")
  .replace(/^(<!doctype html>\s*)<!--[\s\S]*?-->\s*/i, "$1") // the maintainers' note is not for visitors
  .replace("{{APP_CSS}}", href(appCss))
  .replace("{{APP_JS}}", href(appJs));
if (html.includes("{{")) throw new Error("index.html: a placeholder was left unfilled");
writeFileSync(path.join(tmpDir, "index.html"), html);
// Fonts are already compressed (woff/woff2); the text assets shrink to about a third.
for (const file of [appJs, appCss]) precompress(file);
rmSync(path.join(tmpDir, "font-sources"), { recursive: true, force: true });

rmSync(outDir, { recursive: true, force: true });
renameSync(tmpDir, outDir);

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const size = (file) => statSync(path.join(outDir, path.relative(tmpDir, file))).size;
const fonts = outputs.filter((p) => /\.woff2?$/.test(p));
console.log(`  ${href(appJs)}  ${kib(size(appJs))} (gzip ${kib(size(appJs + ".gz"))}, br ${kib(size(appJs + ".br"))})`);
console.log(`  ${href(appCss)}  ${kib(size(appCss))} (gzip ${kib(size(appCss + ".gz"))}, br ${kib(size(appCss + ".br"))})`);
console.log(`  ${fonts.length} font files  ${kib(fonts.reduce((sum, f) => sum + size(f), 0))} (the browser loads only the subsets it needs)`);
console.log(
  `build-explorer: ${examples.length} example operations written to ${path.relative(process.cwd(), outDir) || "."} in ${Math.round(performance.now() - started)} ms`,
);
