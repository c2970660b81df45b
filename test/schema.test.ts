import { readFileSync } from "node:fs";
import { relative } from "node:path";

import { LEVELS, TWO_LEVELS } from "@tiepdan/kit";
import { composeProfile, schemaFiles, subgraphSdls } from "@tiepdan/tools";

describe("the committed schema/ files", () => {
  it("are what `npm run compose` produces from the code (run it after changing a type)", async () => {
    const stale: string[] = [];
    for (const [file, content] of await schemaFiles()) {
      let committed = "";
      try {
        committed = readFileSync(file, "utf8");
      } catch {
        committed = "(missing)";
      }
      if (committed !== content) {
        stale.push(relative(process.cwd(), file));
      }
    }
    expect(stale).toEqual([]);
  });
});

describe("composition", () => {
  it("composes the three-level and the two-level profiles without unexpected hints", async () => {
    const three = composeProfile(await subgraphSdls(LEVELS), LEVELS);
    const two = composeProfile(await subgraphSdls(TWO_LEVELS), TWO_LEVELS);
    expect(three.supergraphSdl).toContain('join__graph(name: "district"');
    expect(two.supergraphSdl).not.toContain('join__graph(name: "district"');
    expect(two.supergraphSdl).toMatch(/type Commune[\s\S]*?province: Province/);
  });

  it("fails loudly when subgraphs disagree", async () => {
    const sdls = await subgraphSdls();
    const broken = { ...sdls, commune: sdls.commune.replace(/(type Province\s+)@key\(fields: "code"\)\s*\{\s*code: ID!/, '$1@key(fields: "code") { code: Int!') };
    expect(broken.commune).not.toBe(sdls.commune);
    expect(() => composeProfile(broken, LEVELS)).toThrow(/Composition of province \+ district \+ commune failed/);
  });

  it("gives every level the same shared types, defined once in the kit", async () => {
    const sdls = await subgraphSdls();
    const block = (sdl: string, name: string): string => sdl.match(new RegExp(`(interface|enum) ${name} [^}]*}`))?.[0] ?? "";
    for (const name of ["AdministrativeUnit", "ReceptionUnit", "UnitKind", "Level", "ReceptionBodyKind", "Sector"]) {
      const blocks = LEVELS.map((level) => block(sdls[level], name));
      expect(blocks[0]).not.toBe("");
      expect(new Set(blocks).size).toBe(1);
    }
  });
});
