const fs = require("node:fs");

module.exports = async function globalTeardown() {
  const pg = globalThis.__TIEPDAN_PG__;
  if (pg) {
    await pg.server.stop();
    fs.rmSync(pg.dir, { recursive: true, force: true });
  }
};
