import { NoDeadlineRuleError, daysLate, daysLeft, dueDate, findRule, isOverdue } from "./due";
import type { DeadlineStep } from "./rules";

describe("findRule", () => {
  const on = "2025-03-03";

  it("picks the row for exactly the case's flags", () => {
    expect(findRule("COMPLAINT_FIRST_INSTANCE", { on }).id).toBe("complaint-first-instance");
    expect(findRule("COMPLAINT_FIRST_INSTANCE", { on, complex: true }).id).toBe("complaint-first-instance-complex");
    expect(findRule("COMPLAINT_FIRST_INSTANCE", { on, remote: true }).id).toBe("complaint-first-instance-remote");
    expect(findRule("COMPLAINT_FIRST_INSTANCE", { on, remote: true, complex: true }).id).toBe(
      "complaint-first-instance-remote-complex",
    );
    expect(findRule("COMPLAINT_FIRST_INSTANCE", { on, remote: false, complex: false }).id).toBe("complaint-first-instance");
  });

  it("falls back when a flag has no row of its own", () => {
    expect(findRule("COMPLAINT_SECOND_LODGING", { on, complex: true }).id).toBe("complaint-second-lodging");
    expect(findRule("COMPLAINT_SECOND_LODGING", { on, complex: true, remote: true }).id).toBe(
      "complaint-second-lodging-remote",
    );
    expect(findRule("DENUNCIATION_INITIAL_HANDLING", { on, complex: true, remote: true }).id).toBe(
      "denunciation-initial-handling-complex",
    );
    expect(findRule("DENUNCIATION_INITIAL_HANDLING", { on, remote: true }).id).toBe("denunciation-initial-handling");
    expect(findRule("PETITION_PROCESSING", { on, complex: true, remote: true }).id).toBe("petition-processing");
  });

  it("picks the version valid on the date: acceptance switches on 2026-07-01", () => {
    expect(findRule("COMPLAINT_ACCEPTANCE", { on: "2026-06-30" }).days).toBe(10);
    expect(findRule("COMPLAINT_ACCEPTANCE", { on: "2026-07-01" }).days).toBe(7);
  });

  it("throws a NoDeadlineRuleError naming the step, the date and the rows' validity", () => {
    expect(() => findRule("COMPLAINT_SUSPENSION_NOTICE", { on: "2026-06-30" })).toThrow(NoDeadlineRuleError);
    expect(() => findRule("COMPLAINT_SUSPENSION_NOTICE", { on: "2026-06-30" })).toThrow(
      /No COMPLAINT_SUSPENSION_NOTICE rule is valid on 2026-06-30.*2026-07-01/,
    );
    expect(() => findRule("NO_SUCH_STEP" as DeadlineStep, { on })).toThrow(/Unknown deadline step/);
    expect(() => findRule("RECEPTION_REPLY", { on: "3/3/2025" })).toThrow(RangeError);
  });
});

describe("the 2026-07-01 switch of COMPLAINT_ACCEPTANCE", () => {
  it("received 2026-06-30 → 10 working days (Decree 124/2020/ND-CP Art. 16(1)) → 14/7/2026", () => {
    // Wed 1/7 (1), Thu 2 (2), Fri 3 (3), Mon 6 – Fri 10 (8), Mon 13 (9), Tue 14 (10).
    const due = dueDate({ step: "COMPLAINT_ACCEPTANCE", start: "2026-06-30" });
    expect(due.dueAt).toBe("2026-07-14");
    expect(due.rule.days).toBe(10);
  });

  it("received 2026-07-01 → 7 working days (Decree 155/2026) → 10/7/2026", () => {
    const due = dueDate({ step: "COMPLAINT_ACCEPTANCE", start: "2026-07-01" });
    expect(due.dueAt).toBe("2026-07-10");
    expect(due.rule.days).toBe(7);
  });

  it("lets `on` choose the version independently of the start date", () => {
    // Received on 30/6 but the version of 1/7 asked for: 7 working days from 30/6 → Thu 9/7.
    expect(dueDate({ step: "COMPLAINT_ACCEPTANCE", start: "2026-06-30", on: "2026-07-01" }).dueAt).toBe("2026-07-09");
  });
});

describe("extensions of a denunciation's resolution", () => {
  const start = "2025-01-15"; // base period ends 14/2/2025

  it("0, 1 and 2 extensions add 30 days each (at most 90 days in all)", () => {
    const none = dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: 0 });
    expect(none.dueAt).toBe("2025-02-14");
    expect(none.extensionRule).toBeUndefined();
    expect(dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: 1 }).dueAt).toBe("2025-03-16");
    expect(dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: 2 }).dueAt).toBe("2025-04-15");
  });

  it("refuses 3 extensions, negative or fractional counts, and extensions of other steps", () => {
    expect(() => dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: 3 })).toThrow(/at most 2/);
    expect(() => dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: -1 })).toThrow(RangeError);
    expect(() => dueDate({ step: "DENUNCIATION_RESOLUTION", start, extensions: 1.5 })).toThrow(RangeError);
    expect(() => dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start, extensions: 1 })).toThrow(/Only a denunciation/);
  });

  it("counts suspended days in the extended period too", () => {
    // 2 extensions → 15/4/2025; suspended 1–10/4 (10 days, inside the running period) → 25/4.
    const due = dueDate({
      step: "DENUNCIATION_RESOLUTION",
      start,
      extensions: 2,
      suspensions: [{ from: "2025-04-01", to: "2025-04-10" }],
    });
    expect(due.dueAt).toBe("2025-04-25");
  });
});

describe("suspensions (suspended days do not count)", () => {
  // A first-instance complaint accepted Monday 6/7/2026: 30 days → Wednesday 5/8/2026.
  const step = "COMPLAINT_FIRST_INSTANCE" as const;
  const start = "2026-07-06";

  it("without suspension: 5/8/2026", () => {
    expect(dueDate({ step, start }).dueAt).toBe("2026-08-05");
  });

  it("a suspension of 12 days moves the due date by 12", () => {
    // 20/7 to 31/7 inclusive is 12 days: 5/8 + 12 = 17/8.
    const due = dueDate({ step, start, suspensions: [{ from: "2026-07-20", to: "2026-07-31" }] });
    expect(due.dueAt).toBe("2026-08-17");
    expect(due.onHold).toBe(false);
  });

  it("overlapping suspensions count each day once", () => {
    // 20/7–31/7 and 25/7–3/8: together 20/7–3/8, 15 days → 20/8.
    const due = dueDate({
      step,
      start,
      suspensions: [
        { from: "2026-07-20", to: "2026-07-31" },
        { from: "2026-07-25", to: "2026-08-03" },
      ],
    });
    expect(due.dueAt).toBe("2026-08-20");
  });

  it("days before the start do not count", () => {
    // 1/7–10/7: only 7/7–10/7 (4 days) are inside the period → 9/8.
    expect(dueDate({ step, start, suspensions: [{ from: "2026-07-01", to: "2026-07-10" }] }).dueAt).toBe("2026-08-09");
    expect(dueDate({ step, start, suspensions: [{ from: "2026-06-01", to: "2026-07-06" }] }).dueAt).toBe("2026-08-05");
  });

  it("a suspension running past the original due date counts whole, as the period runs on", () => {
    // 1/8–14/8 (14 days): the period is still running on each of them → 5/8 + 14 = 19/8.
    expect(dueDate({ step, start, suspensions: [{ from: "2026-08-01", to: "2026-08-14" }] }).dueAt).toBe("2026-08-19");
  });

  it("a suspension after the period ended changes nothing", () => {
    expect(dueDate({ step, start, suspensions: [{ from: "2026-08-06", to: "2026-08-20" }] }).dueAt).toBe("2026-08-05");
  });

  it("a working-day rule moves by the suspended working days only", () => {
    // Acceptance received Wed 1/7/2026: 7 working days → Fri 10/7. Suspended Sat 4/7 – Tue 7/7:
    // 4 calendar days but 2 working days (Mon 6, Tue 7) → Thu 2 (1), Fri 3 (2), Wed 8 (3), Thu 9 (4),
    // Fri 10 (5), Mon 13 (6), Tue 14 (7).
    const due = dueDate({
      step: "COMPLAINT_ACCEPTANCE",
      start: "2026-07-01",
      suspensions: [{ from: "2026-07-04", to: "2026-07-07" }],
    });
    expect(due.dueAt).toBe("2026-07-14");
  });

  it("an open suspension puts the period on hold; dueAt counts the closed ones only", () => {
    const due = dueDate({
      step,
      start,
      suspensions: [
        { from: "2026-07-20", to: "2026-07-31" },
        { from: "2026-08-10", to: null },
      ],
    });
    expect(due.onHold).toBe(true);
    expect(due.dueAt).toBe("2026-08-17");
  });

  it("an open suspension that began after the period ended does not hold it", () => {
    const due = dueDate({ step, start, suspensions: [{ from: "2026-08-06", to: null }] });
    expect(due.onHold).toBe(false);
    expect(due.dueAt).toBe("2026-08-05");
  });

  it("refuses a suspension that ends before it starts, or a malformed date", () => {
    expect(() => dueDate({ step, start, suspensions: [{ from: "2026-07-20", to: "2026-07-19" }] })).toThrow(RangeError);
    expect(() => dueDate({ step, start, suspensions: [{ from: "20/7/2026", to: null }] })).toThrow(RangeError);
  });
});

describe("dueDate defaults and limits", () => {
  it("counts from the day after the start, even for a start on a weekend or holiday", () => {
    // Received Sunday 26/1/2025 inside the Tết break: 10 working days → Fri 14/2 (as from Fri 24/1).
    expect(dueDate({ step: "RECEPTION_REPLY", start: "2025-01-26" }).dueAt).toBe("2025-02-14");
  });

  it("refuses working-day periods outside the calendar's range", () => {
    expect(() => dueDate({ step: "RECEPTION_REPLY", start: "2035-12-27" })).toThrow(/2010-01-01 to 2035-12-31/);
  });

  it("computes calendar-day periods without the holiday calendar", () => {
    expect(dueDate({ step: "COMPLAINT_FIRST_INSTANCE", start: "2036-01-10" }).dueAt).toBe("2036-02-09");
  });
});

describe("daysLeft and isOverdue", () => {
  it("counts calendar days to the due date, negative when late", () => {
    expect(daysLeft("2025-02-14", "2025-02-10")).toBe(4);
    expect(daysLeft("2025-02-14", "2025-02-14")).toBe(0);
    expect(daysLeft("2025-02-14", "2025-02-17")).toBe(-3);
  });

  it("is overdue only after the due day", () => {
    expect(isOverdue("2025-02-14", "2025-02-14")).toBe(false);
    expect(isOverdue("2025-02-14", "2025-02-15")).toBe(true);
    expect(isOverdue("2025-02-14", "2025-01-01")).toBe(false);
  });

  it("counts days late as calendar days past the due day, 0 when on time or on hold", () => {
    expect(daysLate("2025-02-14", "2025-02-17")).toBe(3);
    expect(daysLate("2025-02-14", "2025-02-14")).toBe(0);
    expect(daysLate("2025-02-14", "2025-02-10")).toBe(0);
    expect(daysLate("2025-02-14", "2025-02-17", true)).toBe(0);
    // Across a year end, the same unit as daysLeft.
    expect(daysLate("2024-12-30", "2025-01-02")).toBe(-daysLeft("2024-12-30", "2025-01-02"));
  });

  it("is late exactly when overdue", () => {
    for (const today of ["2025-02-13", "2025-02-14", "2025-02-15", "2025-03-01"]) {
      expect(daysLate("2025-02-14", today) > 0).toBe(isOverdue("2025-02-14", today));
    }
  });
});
