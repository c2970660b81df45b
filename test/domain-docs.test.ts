import { readFileSync } from "node:fs";

import { domainDocs } from "@tiepdan/tools";

describe("docs/deadlines.md and docs/case-lifecycle.md", () => {
  it("are what `npm run docs:domain` makes from the rule table and the state machine", () => {
    for (const [file, content] of domainDocs()) {
      expect({ file, content: readFileSync(file, "utf8") }).toEqual({ file, content });
    }
  });

  it("name the law and article of every deadline", () => {
    const deadlines = [...domainDocs().values()][0]!;
    expect(deadlines).toContain("| `COMPLAINT_FIRST_INSTANCE` | remote area, complex | 60 days | Law on Complaints 02/2011/QH13, Art. 28 |");
    expect(deadlines).toContain("| `DENUNCIATION_RESOLUTION` | plain | 30 days | Law on Denunciations 25/2018/QH14, Art. 30(1) |");
  });
});
