import { countersCover } from "./counters";
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
