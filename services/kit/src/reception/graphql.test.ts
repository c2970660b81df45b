import { getMetadataStorage } from "type-graphql";

import { RegisterPetitionInputType } from "../cases/types";
import { VisitPetitionInputType } from "./graphql";

/** Name, type, nullability and list-ness of each field of an input class, by name. */
function shape(target: Function): Record<string, unknown> {
  const fields = getMetadataStorage().fields.filter((f) => f.target === target);
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      { type: (f.getType() as { name?: string }).name, nullable: Boolean(f.typeOptions.nullable), array: Boolean(f.typeOptions.array) },
    ]),
  );
}

describe("VisitPetitionInput", () => {
  it("is RegisterPetitionInput without bodyId, source and receivedOn, which come from the session", () => {
    const { bodyId: _b, source: _s, receivedOn: _r, ...rest } = shape(RegisterPetitionInputType);
    expect(Object.keys(rest)).toHaveLength(8);
    expect(shape(VisitPetitionInputType)).toEqual(rest);
  });
});
