import { BreakdownAxis, FiguresSplit, breakdownLabel, groupSql, sumFigures } from "./grouping";

describe("figures split into groups", () => {
  it("adds up figures field by field, leaving text alone", () => {
    const empty = { unitCode: "", resolved: 0, moneyVnd: 0 };
    expect(sumFigures([{ unitCode: "14320", resolved: 2, moneyVnd: 1.5e9 }, { unitCode: "14329", resolved: 3, moneyVnd: 5e8 }], empty)).toEqual({ unitCode: "", resolved: 5, moneyVnd: 2e9 });
    expect(sumFigures([], empty)).toEqual(empty);
  });

  it("puts the People's Committee, its reception board and the Party committee on the committee's row", () => {
    const sql = groupSql(FiguresSplit.BODY_GROUP, "k");
    for (const slug of ["ubnd", "cap-uy", "ban-tcd", "diem-tcd"]) {
      expect(sql).toContain(`'${slug}'`);
    }
    expect(sql).not.toContain("thanh-tra");
    expect(sql).not.toContain("so-tnmt");
    expect(groupSql(FiguresSplit.UNIT, "k")).toBe("''");
  });

  it("names every group in Vietnamese", () => {
    expect(breakdownLabel(BreakdownAxis.FIELD, "LAND_HOUSING")).toBe("Đất đai, nhà ở");
    expect(breakdownLabel(BreakdownAxis.FIELD, "UNSPECIFIED")).toBe("Chưa xác định lĩnh vực");
    expect(breakdownLabel(BreakdownAxis.SECTOR, "NATURAL_RESOURCES_ENVIRONMENT")).toBe("Tài nguyên và Môi trường");
    expect(breakdownLabel(BreakdownAxis.SECTOR, "GENERAL")).toContain("UBND");
    expect(breakdownLabel(BreakdownAxis.KIND, "DENUNCIATION")).toBe("Tố cáo");
  });
});
