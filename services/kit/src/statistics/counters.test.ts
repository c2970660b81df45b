import { CounterCache, type CounterRow, countersCover } from "./counters";
import { parsePeriod } from "./periods";

describe("countersCover: the periods the month counters can give", () => {
  it.each(["2024", "2024-Q1", "2024-Q4", "2024-6M", "2024-9M", "2024-02-01..2024-02-29", "2023-02-01..2023-02-28", "2014-01-01..2024-12-31", "2024-12-01..2025-01-31"])(
    "%s: whole months",
    (text) => {
      expect(countersCover(parsePeriod(text)!)).toBe(true);
    },
  );

  it.each(["2024-02-01..2024-02-28", "2023-02-01..2023-02-27", "2024-03-02..2024-03-31", "2024-03-01..2024-04-29", "2024-01-15..2024-12-31"])(
    "%s: not whole months, read from the records",
    (text) => {
      expect(countersCover(parsePeriod(text)!)).toBe(false);
    },
  );
});

describe("CounterCache: counter rows kept between requests until a commit changes their unit", () => {
  const row = (unitCode: string, resolved: number): CounterRow => ({ unitCode, group: "", complaints: { resolved } } as unknown as CounterRow);
  const active = (): CounterCache => Object.assign(new CounterCache(), { active: true });

  it("keeps what a read gave, units without rows included, until their unit is notified", () => {
    const cache = active();
    cache.put(["14320", "14329"], "u|2024", [row("14320", 3)], cache.currentGeneration());
    expect([...cache.get(["14320", "14329", "14332"], "u|2024")]).toEqual([
      ["14320", [row("14320", 3)]],
      ["14329", []],
    ]);
    cache.invalidate("14329,99999");
    expect([...cache.get(["14320", "14329"], "u|2024").keys()]).toEqual(["14320"]);
    cache.invalidate("*");
    expect(cache.get(["14320"], "u|2024").size).toBe(0);
  });

  it("does not keep a read that a notification overtook", () => {
    const cache = active();
    const since = cache.currentGeneration();
    cache.invalidate("14320");
    cache.put(["14320"], "u|2024", [row("14320", 3)], since);
    expect(cache.get(["14320"], "u|2024").size).toBe(0);
  });

  it("keeps nothing while it does not listen", () => {
    const cache = new CounterCache();
    cache.put(["14320"], "u|2024", [row("14320", 3)], cache.currentGeneration());
    expect(cache.get(["14320"], "u|2024").size).toBe(0);
  });

  it("lets a request wait for a read of the same units under way, but not one begun before a commit it was notified of", async () => {
    const cache = active();
    let finish!: (rows: CounterRow[]) => void;
    const read = cache.read(["14320", "14329"], "u|2024", () => new Promise((resolve) => (finish = resolve)));
    const waiting = cache.reading(["14320", "14329", "14332"], "u|2024");
    expect([...waiting.keys()]).toEqual(["14320", "14329"]);
    cache.invalidate("14329");
    expect([...cache.reading(["14320", "14329"], "u|2024").keys()]).toEqual(["14320"]);
    finish([row("14320", 1), row("14329", 2)]);
    await read;
    expect(await waiting.get("14320")).toEqual([row("14320", 1)]);
    expect(cache.reading(["14320"], "u|2024").size).toBe(0);
  });

  it("fails the waiting requests with the read, without an unhandled rejection", async () => {
    const cache = active();
    const read = cache.read(["14320"], "u|2024", () => Promise.reject(new Error("connection lost")));
    const waiting = cache.reading(["14320"], "u|2024").get("14320")!;
    await expect(read).rejects.toThrow("connection lost");
    await expect(waiting).rejects.toThrow("connection lost");
  });
});
