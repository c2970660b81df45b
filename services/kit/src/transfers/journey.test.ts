import { type Hop, currentHolder, mergeJourney, originOf } from "./journey";

const hop = (id: string, over: Partial<Hop>): Hop => ({
  id,
  kind: "TRANSFER",
  fromLevel: "commune",
  fromBodyId: "14320.ubnd",
  fromCaseId: "c1",
  toLevel: "district",
  toBodyId: "369.ubnd",
  toCaseId: null,
  reason: "outside competence",
  legalBasis: null,
  sentOn: "2026-10-01",
  deliveredAt: null,
  status: "IN_TRANSIT",
  returnReason: null,
  outcome: null,
  ...over,
});

describe("mergeJourney", () => {
  it("keeps the furthest state of each hop, whatever order reports arrive in", () => {
    const sent = hop("h1", {});
    const delivered = hop("h1", { status: "DELIVERED", toCaseId: "d1", deliveredAt: "2026-10-01T01:00:00Z" });
    const accepted = hop("h1", { status: "ACCEPTED", toCaseId: "d1" });
    expect(mergeJourney([sent], [accepted])[0]).toMatchObject({ status: "ACCEPTED", toCaseId: "d1" });
    expect(mergeJourney([accepted], [delivered])[0]).toMatchObject({ status: "ACCEPTED", toCaseId: "d1" });
    expect(mergeJourney([accepted], [sent])[0]).toMatchObject({ status: "ACCEPTED", toCaseId: "d1" });
  });

  it("appends new hops in sending order and never duplicates", () => {
    const h1 = hop("h1", { status: "ACCEPTED", toCaseId: "d1" });
    const h2 = hop("h2", { fromLevel: "district", fromBodyId: "369.ubnd", fromCaseId: "d1", toLevel: "province", toBodyId: "37.ubnd" });
    const merged = mergeJourney([h1], [h1, h2, h2]);
    expect(merged.map((h) => h.id)).toEqual(["h1", "h2"]);
  });
});

describe("currentHolder", () => {
  const origin = { caseId: "c1", bodyId: "14320.ubnd", level: "commune" as const };

  it("is the origin before any hop, the sender while in transit, the receiver once delivered", () => {
    expect(currentHolder(origin, [])).toEqual({ holder: origin, inTransit: false });
    expect(currentHolder(origin, [hop("h1", {})])).toEqual({ holder: origin, inTransit: true });
    expect(currentHolder(origin, [hop("h1", { status: "DELIVERED", toCaseId: "d1" })])).toEqual({
      holder: { caseId: "d1", bodyId: "369.ubnd", level: "district" },
      inTransit: false,
    });
  });

  it("goes back to the sender when the receiver returns the case", () => {
    const h1 = hop("h1", { status: "ACCEPTED", toCaseId: "d1" });
    const h2 = hop("h2", { fromLevel: "district", fromBodyId: "369.ubnd", fromCaseId: "d1", toLevel: "province", toBodyId: "37.ubnd", toCaseId: "p1", status: "RETURNED" });
    expect(currentHolder(origin, [h1, h2]).holder).toEqual({ caseId: "d1", bodyId: "369.ubnd", level: "district" });
    expect(originOf({ caseId: "p1", bodyId: "37.ubnd", level: "province" }, [h1, h2])).toEqual(origin);
  });
});
