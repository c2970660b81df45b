import { peerToken, seal, transferSecret, unseal } from "./sealed";

describe("sealed values", () => {
  it("round-trips and hides the content", () => {
    const sealed = seal([{ fullName: "Lê Thị Hoa", citizenId: "037190001234" }], "s3cret");
    expect(sealed).not.toContain("Hoa");
    expect(sealed).not.toContain("037190001234");
    expect(unseal(sealed, "s3cret")).toEqual([{ fullName: "Lê Thị Hoa", citizenId: "037190001234" }]);
  });

  it("refuses another secret or a tampered value", () => {
    const sealed = seal({ a: 1 }, "one");
    expect(() => unseal(sealed, "two")).toThrow();
    const parts = sealed.split(".");
    parts[2] = Buffer.from("tampered").toString("base64url");
    expect(() => unseal(parts.join("."), "one")).toThrow();
  });

  it("requires a secret in production", () => {
    expect(() => transferSecret({ NODE_ENV: "production" })).toThrow(/TRANSFER_SECRET/);
    expect(transferSecret({ TRANSFER_SECRET: "x" })).toBe("x");
    expect(peerToken("x")).not.toBe(peerToken("y"));
  });
});
