import { parsePeriod } from "./periods";

describe("parsePeriod (report periods of Circular 01/2024/TT-TTCP)", () => {
  it("reads years, quarters, six and nine months, and ranges", () => {
    expect(parsePeriod("2024")).toEqual({ from: "2024-01-01", to: "2024-12-31", label: "2024" });
    expect(parsePeriod("2024-Q1")).toEqual({ from: "2024-01-01", to: "2024-03-31", label: "2024-Q1" });
    expect(parsePeriod("2024-q3")).toEqual({ from: "2024-07-01", to: "2024-09-30", label: "2024-Q3" });
    expect(parsePeriod("2024-6M")).toEqual({ from: "2024-01-01", to: "2024-06-30", label: "2024-6M" });
    expect(parsePeriod("2024-9m")).toEqual({ from: "2024-01-01", to: "2024-09-30", label: "2024-9M" });
    expect(parsePeriod("2024-02-01..2024-02-29")).toEqual({ from: "2024-02-01", to: "2024-02-29", label: "2024-02-01..2024-02-29" });
  });

  it("ends February on the right day", () => {
    expect(parsePeriod("2023-Q1")?.to).toBe("2023-03-31");
    expect(parsePeriod("2023-02-01..2023-02-28")).not.toBeNull();
    expect(parsePeriod("2023-02-01..2023-02-29")).toBeNull();
  });

  it("rejects anything else", () => {
    for (const text of ["", "24", "2024-Q5", "2024-7M", "2024-05-01..2024-04-01", "last year"]) {
      expect(parsePeriod(text)).toBeNull();
    }
  });
});
