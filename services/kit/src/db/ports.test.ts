import { createServer } from "node:net";

import { freePort, freePorts, portIsOpen } from "./embedded";

describe("free ports", () => {
  it("gives distinct ports that nothing listens on and that can be listened on", async () => {
    const ports = await freePorts(40);
    expect(ports).toHaveLength(40);
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(port).toBeGreaterThan(0);
      expect(await portIsOpen(port)).toBe(false);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(ports[0], "127.0.0.1", resolve);
    });
    expect(await portIsOpen(ports[0]!)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("gives one port with freePort", async () => {
    const port = await freePort();
    expect(Number.isInteger(port) && port > 0).toBe(true);
  });
});
