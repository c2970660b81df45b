import { dueDate } from "./due";
import { DEADLINE_RULES, type DeadlineRule, DeadlineStep } from "./rules";

// One describe per row of the table, titled with its law and article; each due date is worked out
// by hand in the comment next to it. A period starts the day after the event that opens it.

describe("Law on Citizen Reception 42/2013/QH13 Art. 28(1) — reply after reception", () => {
  it("10 working days: received Monday 3/3/2025 → Monday 17/3/2025", () => {
    // 4–7/3 (4), 10–14/3 (9), Mon 17/3 (10); no holiday in March 2025.
    const due = dueDate({ step: "RECEPTION_REPLY", start: "2025-03-03" });
    expect(due.dueAt).toBe("2025-03-17");
    expect(due.rule.id).toBe("reception-reply");
  });
});

describe("Law on Citizen Reception 42/2013/QH13 Art. 27(2) — result of a transferred case to the sender", () => {
  it("7 working days: resolved Thursday 24/4/2025 → Wednesday 7/5/2025", () => {
    // Fri 25/4 (1), Sat 26/4 worked (2), Mon 28 (3), Tue 29 (4), [Wed 30/4 – Sun 4/5 off],
    // Mon 5/5 (5), Tue 6 (6), Wed 7/5 (7).
    expect(dueDate({ step: "TRANSFER_RESULT_REPORT", start: "2025-04-24" }).dueAt).toBe("2025-05-07");
  });
});

describe("Law on Citizen Reception 42/2013/QH13 Art. 28(2) — citizen informed of the result", () => {
  it("5 working days: informed Wednesday 7/5/2025 → Wednesday 14/5/2025", () => {
    // Thu 8 (1), Fri 9 (2), Mon 12 (3), Tue 13 (4), Wed 14 (5).
    expect(dueDate({ step: "CITIZEN_INFORMED_OF_RESULT", start: "2025-05-07" }).dueAt).toBe("2025-05-14");
  });
});

describe("Circular 05/2021/TT-TTCP (article not confirmed) — petition processing", () => {
  it("10 working days, configurable: received Friday 2/2/2024 → Friday 23/2/2024", () => {
    // Mon 5 (1), Tue 6 (2), Wed 7 (3), [Thu 8 – Wed 14 Tết], Thu 15 (4), Fri 16 (5),
    // Mon 19 (6), Tue 20 (7), Wed 21 (8), Thu 22 (9), Fri 23 (10).
    const due = dueDate({ step: "PETITION_PROCESSING", start: "2024-02-02" });
    expect(due.dueAt).toBe("2024-02-23");
    expect(due.rule.configurable).toBe(true);
  });
});

describe("Law on Complaints 02/2011/QH13 Art. 9 — lodging a complaint", () => {
  it("90 calendar days: decision known 10/1/2025 → 10/4/2025", () => {
    // 21 days to 31/1, 28 in February (49), 31 in March (80), 10 in April (90).
    expect(dueDate({ step: "COMPLAINT_LODGING", start: "2025-01-10" }).dueAt).toBe("2025-04-10");
  });
});

describe("Decree 124/2020/ND-CP Art. 16(1) — acceptance of a complaint (until 2026-06-30)", () => {
  it("10 working days: received Monday 3/3/2025 → Monday 17/3/2025", () => {
    const due = dueDate({ step: "COMPLAINT_ACCEPTANCE", start: "2025-03-03" });
    expect(due.dueAt).toBe("2025-03-17");
    expect(due.rule.id).toBe("complaint-acceptance");
  });
});

describe("Decree 155/2026 amending Art. 16(1) — acceptance of a complaint (from 2026-07-01)", () => {
  it("7 working days, configurable: received Wednesday 1/7/2026 → Friday 10/7/2026", () => {
    // Thu 2 (1), Fri 3 (2), Mon 6 (3), Tue 7 (4), Wed 8 (5), Thu 9 (6), Fri 10 (7).
    const due = dueDate({ step: "COMPLAINT_ACCEPTANCE", start: "2026-07-01" });
    expect(due.dueAt).toBe("2026-07-10");
    expect(due.rule.id).toBe("complaint-acceptance-2026");
    expect(due.rule.configurable).toBe(true);
  });
});

describe("Law on Complaints 02/2011/QH13 Art. 28 — first instance", () => {
  // Accepted Monday 3/3/2025: 28 days remain in March, so day 30 is 2/4, day 45 is 17/4,
  // day 60 is 2/5.
  it("30 calendar days → 2/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start: "2025-03-03" }).dueAt).toBe("2025-04-02");
  });

  it("complex: 45 calendar days → 17/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start: "2025-03-03", complex: true }).dueAt).toBe("2025-04-17");
  });

  it("remote area: 45 calendar days → 17/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start: "2025-03-03", remote: true }).dueAt).toBe("2025-04-17");
  });

  it("remote area and complex: 60 calendar days → 2/5/2025", () => {
    const due = dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start: "2025-03-03", remote: true, complex: true });
    expect(due.dueAt).toBe("2025-05-02");
    expect(due.rule.id).toBe("complaint-first-instance-remote-complex");
  });
});

describe("Law on Complaints 02/2011/QH13 Art. 33 — lodging a second complaint", () => {
  it("30 calendar days: first decision received 3/3/2025 → 2/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_LODGING", start: "2025-03-03" }).dueAt).toBe("2025-04-02");
  });

  it("remote area: 45 calendar days → 17/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_LODGING", start: "2025-03-03", remote: true }).dueAt).toBe("2025-04-17");
  });

  it("complexity has no row of its own: complex → 30, remote and complex → 45", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_LODGING", start: "2025-03-03", complex: true }).dueAt).toBe("2025-04-02");
    expect(
      dueDate({ step: "COMPLAINT_SECOND_LODGING", start: "2025-03-03", complex: true, remote: true }).dueAt,
    ).toBe("2025-04-17");
  });
});

describe("Law on Complaints 02/2011/QH13 Art. 37 — second instance", () => {
  // Accepted 3/3/2025: day 45 is 17/4, day 60 is 2/5, day 70 is 12/5.
  it("45 calendar days → 17/4/2025", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_INSTANCE", start: "2025-03-03" }).dueAt).toBe("2025-04-17");
  });

  it("complex: 60 calendar days → 2/5/2025", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_INSTANCE", start: "2025-03-03", complex: true }).dueAt).toBe("2025-05-02");
  });

  it("remote area: 60 calendar days → 2/5/2025", () => {
    expect(dueDate({ step: "COMPLAINT_SECOND_INSTANCE", start: "2025-03-03", remote: true }).dueAt).toBe("2025-05-02");
  });

  it("remote area and complex: 70 calendar days → 12/5/2025", () => {
    expect(
      dueDate({ step: "COMPLAINT_SECOND_INSTANCE", start: "2025-03-03", remote: true, complex: true }).dueAt,
    ).toBe("2025-05-12");
  });
});

describe("Decree 124/2020/ND-CP — publication of a complaint decision", () => {
  it("15 calendar days: decided 20/12/2025 → Sunday 4/1/2026 (a weekend end is not moved)", () => {
    // 11 days to 31/12, then 1–4/1 (15).
    expect(dueDate({ step: "COMPLAINT_DECISION_PUBLICATION", start: "2025-12-20" }).dueAt).toBe("2026-01-04");
  });
});

describe("Decree 155/2026 — decision to suspend, terminate or continue sent to the parties", () => {
  it("3 working days from 2026-07-01: decided Thursday 27/8/2026 → Thursday 3/9/2026", () => {
    // Fri 28 (1), Mon 31 (2), [Tue 1/9 and Wed 2/9 National Day, by the rules], Thu 3/9 (3).
    expect(dueDate({ step: "COMPLAINT_SUSPENSION_NOTICE", start: "2026-08-27" }).dueAt).toBe("2026-09-03");
  });

  it("does not exist before 2026-07-01", () => {
    expect(() => dueDate({ step: "COMPLAINT_SUSPENSION_NOTICE", start: "2026-06-30" })).toThrow(/2026-07-01/);
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 24(1) — initial handling", () => {
  // Received Monday 25/8/2025: Tue 26 (1), Wed 27 (2), Thu 28 (3), Fri 29 (4),
  // [Sat 30/8 – Tue 2/9 National Day], Wed 3/9 (5), Thu 4 (6), Fri 5 (7), Mon 8 (8), Tue 9 (9), Wed 10 (10).
  it("7 working days → Friday 5/9/2025", () => {
    expect(dueDate({ step: "DENUNCIATION_INITIAL_HANDLING", start: "2025-08-25" }).dueAt).toBe("2025-09-05");
  });

  it("verification at several places (complex): 10 working days → Wednesday 10/9/2025", () => {
    expect(dueDate({ step: "DENUNCIATION_INITIAL_HANDLING", start: "2025-08-25", complex: true }).dueAt).toBe(
      "2025-09-10",
    );
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 24(2) — transfer outside competence", () => {
  it("5 working days: received Wednesday 25/12/2024 → Thursday 2/1/2025", () => {
    // Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), [Wed 1/1 New Year], Thu 2/1 (5).
    expect(dueDate({ step: "DENUNCIATION_TRANSFER", start: "2024-12-25" }).dueAt).toBe("2025-01-02");
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 29 — notice of acceptance", () => {
  it("5 working days: accepted Wednesday 17/4/2024 → Thursday 25/4/2024", () => {
    // [Thu 18/4 Hùng Kings' day], Fri 19 (1), Mon 22 (2), Tue 23 (3), Wed 24 (4), Thu 25 (5).
    expect(dueDate({ step: "DENUNCIATION_ACCEPTANCE_NOTICE", start: "2024-04-17" }).dueAt).toBe("2024-04-25");
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 30(1) — resolution", () => {
  it("30 calendar days: accepted 15/1/2025 → 14/2/2025", () => {
    // 16 days to 31/1, 14 in February (30).
    expect(dueDate({ step: "DENUNCIATION_RESOLUTION", start: "2025-01-15" }).dueAt).toBe("2025-02-14");
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 30(2) — extension", () => {
  it("30 calendar days per extension, at most 2: accepted 15/1/2025 → 16/3 with 1, 15/4 with 2", () => {
    // From 14/2: 14 days to 28/2, 16 in March → 16/3; from 16/3: 15 days to 31/3, 15 in April → 15/4.
    const once = dueDate({ step: "DENUNCIATION_RESOLUTION", start: "2025-01-15", extensions: 1 });
    expect(once.dueAt).toBe("2025-03-16");
    expect(once.extensionRule?.id).toBe("denunciation-extension");
    expect(dueDate({ step: "DENUNCIATION_RESOLUTION", start: "2025-01-15", extensions: 2 }).dueAt).toBe("2025-04-15");
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 34 — suspension decisions sent", () => {
  it("5 working days: decided Friday 13/2/2026 → Friday 27/2/2026", () => {
    // [Sat 14 – Sun 22/2 Tết break], Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5).
    expect(dueDate({ step: "DENUNCIATION_SUSPENSION_NOTICE", start: "2026-02-13" }).dueAt).toBe("2026-02-27");
  });
});

describe("Law on Denunciations 25/2018/QH14 Art. 38 — report on an overdue denunciation", () => {
  it("5 working days: asked Tuesday 21/4/2026 → Wednesday 29/4/2026", () => {
    // Wed 22 (1), Thu 23 (2), Fri 24 (3), [Sat 25, Sun 26 Hùng Kings', Mon 27 made up], Tue 28 (4), Wed 29 (5).
    expect(dueDate({ step: "DENUNCIATION_OVERDUE_REPORT", start: "2026-04-21" }).dueAt).toBe("2026-04-29");
  });
});

describe("the rule table", () => {
  const variantOf = (rule: DeadlineRule): string => `${rule.step}/${rule.complex === true}/${rule.remote === true}`;
  const overlaps = (a: DeadlineRule, b: DeadlineRule): boolean =>
    (a.validTo === undefined || b.validFrom === undefined || b.validFrom <= a.validTo) &&
    (b.validTo === undefined || a.validFrom === undefined || a.validFrom <= b.validTo);

  it("never has two rows for the same step and variant valid on the same date", () => {
    for (const [i, a] of DEADLINE_RULES.entries()) {
      for (const b of DEADLINE_RULES.slice(i + 1)) {
        if (variantOf(a) === variantOf(b)) {
          expect(overlaps(a, b)).toBe(false);
        }
      }
    }
  });

  it("has for every row a unique id, a law, an article, a description and a whole number of days > 0", () => {
    expect(new Set(DEADLINE_RULES.map((r) => r.id)).size).toBe(DEADLINE_RULES.length);
    for (const rule of DEADLINE_RULES) {
      expect(rule.law.trim()).not.toBe("");
      expect(rule.article.trim()).not.toBe("");
      expect(rule.description.trim()).not.toBe("");
      expect(Number.isInteger(rule.days) && rule.days > 0).toBe(true);
      expect(["calendar", "working"]).toContain(rule.dayKind);
      if (rule.validFrom !== undefined && rule.validTo !== undefined) {
        expect(rule.validFrom <= rule.validTo).toBe(true);
      }
    }
  });

  it("has a plain row for every step, and nothing for steps that do not exist", () => {
    const steps = Object.values(DeadlineStep);
    for (const step of steps) {
      expect(DEADLINE_RULES.some((r) => r.step === step && !r.complex && !r.remote)).toBe(true);
    }
    for (const rule of DEADLINE_RULES) {
      expect(steps).toContain(rule.step);
    }
  });

  it("counts working days only where the text says ngày làm việc", () => {
    const working = DEADLINE_RULES.filter((r) => r.dayKind === "working").map((r) => r.step);
    expect(new Set(working)).toEqual(
      new Set([
        "RECEPTION_REPLY",
        "TRANSFER_RESULT_REPORT",
        "CITIZEN_INFORMED_OF_RESULT",
        "PETITION_PROCESSING",
        "COMPLAINT_ACCEPTANCE",
        "COMPLAINT_SUSPENSION_NOTICE",
        "DENUNCIATION_INITIAL_HANDLING",
        "DENUNCIATION_TRANSFER",
        "DENUNCIATION_ACCEPTANCE_NOTICE",
        "DENUNCIATION_SUSPENSION_NOTICE",
        "DENUNCIATION_OVERDUE_REPORT",
      ]),
    );
  });

  it("is frozen", () => {
    expect(Object.isFrozen(DEADLINE_RULES)).toBe(true);
    expect(Object.isFrozen(DEADLINE_RULES[0])).toBe(true);
  });
});
