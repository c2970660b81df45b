import { type SentHopCount, transferFlowsOf } from "./flows";

const hops = (row: Partial<SentHopCount> & Pick<SentHopCount, "toLevel" | "toBodySlug">): SentHopCount => ({
  kind: "TRANSFER",
  count: 0,
  inTransit: 0,
  delivered: 0,
  accepted: 0,
  returned: 0,
  resolved: 0,
  ...row,
});

describe("transfer flows", () => {
  it("merges receiving bodies of one kind, keeps kinds of hop apart, and orders from the top level", () => {
    const flows = transferFlowsOf("commune", [
      hops({ toLevel: "commune", toBodySlug: "ubnd", count: 1, accepted: 1 }),
      hops({ toLevel: "district", toBodySlug: "ubnd", count: 2, returned: 1, delivered: 1 }),
      hops({ toLevel: "province", toBodySlug: "so-xd", count: 1, inTransit: 1 }),
      hops({ toLevel: "province", toBodySlug: "so-tnmt", count: 3, accepted: 1, resolved: 2 }),
      hops({ toLevel: "province", toBodySlug: "ubnd", kind: "SECOND_INSTANCE", count: 1, delivered: 1 }),
      hops({ toLevel: "province", toBodySlug: "ubnd", count: 1, returned: 1 }),
      hops({ toLevel: "province", toBodySlug: "no-such-body", count: 1, inTransit: 1 }),
    ]);
    const zero = { inTransit: 0, pending: 0, accepted: 0, returned: 0, resolved: 0 };
    expect(flows).toEqual([
      { fromLevel: "commune", toLevel: "province", toBodyKind: "PEOPLES_COMMITTEE", kind: "SECOND_INSTANCE", count: 1, ...zero, pending: 1 },
      { fromLevel: "commune", toLevel: "province", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, returned: 1 },
      { fromLevel: "commune", toLevel: "province", toBodyKind: "SPECIALISED_AGENCY", kind: "TRANSFER", count: 4, ...zero, inTransit: 1, accepted: 1, resolved: 2 },
      { fromLevel: "commune", toLevel: "province", toBodyKind: null, kind: "TRANSFER", count: 1, ...zero, inTransit: 1 },
      { fromLevel: "commune", toLevel: "district", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 2, ...zero, pending: 1, returned: 1 },
      { fromLevel: "commune", toLevel: "commune", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, accepted: 1 },
    ]);
  });

  it("gives nothing for nothing sent", () => {
    expect(transferFlowsOf("province", [])).toEqual([]);
  });
});
