// The statutory report forms (Circular 01/2024/TT-TTCP) as data: every column once, with its
// Vietnamese header, where its figure lives in the graph's ReportFigures and how it is printed.
// The GraphQL selection, the CSV and the XLSX are all derived from these definitions, so a column
// added here appears everywhere at once.

/** The four figure sets of a ReportFigures row, one per form. */
export type FigureSet = "reception" | "processing" | "complaints" | "denunciations";

/**
 * How a column's figure is printed: a count, an amount of money in đồng, an area in m², or a
 * rate (a fraction from the graph, printed as a percentage with one decimal).
 */
export type ColumnKind = "int" | "vnd" | "m2" | "rate";

/** One numbered column of a form. */
export interface Column {
  /** Header under the group header (or alone when the column has no group). */
  header: string;
  /** Header spanning this column and its neighbours of the same group. */
  group?: string;
  /** Figure set and field of ReportFigures: ["complaints", "resolved"]. */
  path: readonly [FigureSet, string];
  kind: ColumnKind;
}

/** Identifier of a form, as the circular numbers it. */
export type FormNumber = "01/TCD" | "01/XLD" | "01/KQGQ" | "03/KQGQ";

/** A report form: its number, its name and its columns. */
export interface ReportForm {
  number: FormNumber;
  /** The number with "-" for "/", as it appears in URLs, file names and sheet names: "01-KQGQ". */
  slug: string;
  /** Name printed in the title: "Tổng hợp kết quả giải quyết đơn khiếu nại". */
  name: string;
  /** The figure set the columns read. */
  set: FigureSet;
  columns: readonly Column[];
}

/** A group of columns written once: the group header, then [header, field, kind?] per column. */
type GroupSpec = [group: string | undefined, columns: [header: string, field: string, kind?: ColumnKind][]];

function columnsOf(set: FigureSet, groups: readonly GroupSpec[]): Column[] {
  return groups.flatMap(([group, columns]) =>
    columns.map(([header, field, kind]) => ({ header, ...(group ? { group } : {}), path: [set, field] as const, kind: kind ?? "int" })),
  );
}

const RECEPTION: readonly GroupSpec[] = [
  [
    "Kỳ tiếp công dân",
    [
      ["Tổng số", "sessions"],
      ["Tiếp thường xuyên", "regularSessions"],
      ["Tiếp định kỳ", "periodicSessions"],
      ["Tiếp đột xuất", "unscheduledSessions"],
      ["Thủ trưởng trực tiếp tiếp", "inPersonSessions"],
      ["Thủ trưởng ủy quyền tiếp", "delegatedSessions"],
    ],
  ],
  [
    "Tiếp công dân",
    [
      ["Số lượt tiếp", "visits"],
      ["Số người được tiếp", "persons"],
      ["Lượt tiếp lần đầu", "firstVisits"],
      ["Lượt tiếp nhiều lần", "repeatVisits"],
      ["Số vụ việc", "cases"],
    ],
  ],
  [
    "Đoàn đông người",
    [
      ["Số đoàn", "largeGroups"],
      ["Số người", "largeGroupPersons"],
    ],
  ],
  [
    "Trong đó: Bí thư cấp ủy tiếp",
    [
      ["Số kỳ tiếp", "partySessions"],
      ["Số công dân được tiếp", "partyCitizens"],
      ["Số kỳ tiếp đột xuất", "partyUnscheduledSessions"],
      ["Số công dân được tiếp đột xuất", "partyUnscheduledCitizens"],
    ],
  ],
];

const PROCESSING: readonly GroupSpec[] = [
  [
    "Đơn tiếp nhận trong kỳ",
    [
      ["Tổng số đơn", "petitionsReceived"],
      ["Trong đó: đơn trùng (gửi nhiều lần)", "repeatPetitions"],
    ],
  ],
  [
    "Vụ việc phải xử lý",
    [
      ["Tổng số", "toProcess"],
      ["Kỳ trước chuyển sang", "carriedOver"],
      ["Phát sinh trong kỳ", "newCases"],
    ],
  ],
  [
    "Phân loại theo nội dung",
    [
      ["Khiếu nại", "complaints"],
      ["Tố cáo", "denunciations"],
      ["Kiến nghị, phản ánh", "recommendations"],
      ["Chưa phân loại", "unclassified"],
    ],
  ],
  [
    "Điều kiện xử lý",
    [
      ["Đủ điều kiện", "eligible"],
      ["Không đủ điều kiện", "ineligible"],
    ],
  ],
  [
    "Thẩm quyền giải quyết",
    [
      ["Thuộc thẩm quyền", "withinCompetence"],
      ["Không thuộc thẩm quyền", "outsideCompetence"],
    ],
  ],
  [
    "Kết quả xử lý",
    [
      ["Thụ lý", "accepted"],
      ["Chuyển đơn", "transferred"],
      ["Hướng dẫn", "guided"],
      ["Đôn đốc", "urged"],
      ["Lưu đơn", "archived"],
      ["Không thụ lý", "refused"],
      ["Chưa xử lý cuối kỳ", "pending"],
    ],
  ],
];

/** Words that differ between the complaint and the denunciation resolution forms. */
interface ResolutionWords {
  /** "Khiếu nại" or "Tố cáo": the results are "Khiếu nại đúng", "Tố cáo sai"… */
  noun: string;
  byDecision: string;
  withdrawn: string;
  secondInstance: string;
  upheld: string;
  annulled: string;
}

// Complaints and denunciations share the ResolutionFigures type, so one column list serves both
// forms; only the legal wording changes (a complaint is decided, a denunciation concluded).
const resolution = (w: ResolutionWords): GroupSpec[] => [
  [
    "Vụ việc thuộc thẩm quyền",
    [
      ["Tổng số", "toResolve"],
      ["Kỳ trước chuyển sang", "carriedOver"],
      ["Thụ lý mới trong kỳ", "newlyAccepted"],
    ],
  ],
  [
    "Đã giải quyết",
    [
      ["Tổng số", "resolved"],
      [w.byDecision, "resolvedByDecision"],
      [w.withdrawn, "withdrawn"],
      ["Trong đó: rút qua giải thích, thuyết phục", "withdrawnAfterPersuasion"],
      ["Đình chỉ giải quyết", "terminated"],
    ],
  ],
  [
    "Phân tích kết quả",
    [
      [`${w.noun} đúng`, "right"],
      [`${w.noun} sai`, "wrong"],
      [`${w.noun} đúng một phần`, "partlyRight"],
    ],
  ],
  [
    w.secondInstance,
    [
      [w.upheld, "upheld"],
      [w.annulled, "annulledOrAmended"],
    ],
  ],
  [
    "Thời hạn giải quyết",
    [
      ["Đúng hạn", "onTime"],
      ["Quá hạn", "late"],
    ],
  ],
  [
    "Chưa giải quyết cuối kỳ",
    [
      ["Tổng số", "unresolved"],
      ["Trong đó: quá hạn", "overdueAtEnd"],
    ],
  ],
  [
    "Kiến nghị thu hồi cho Nhà nước",
    [
      ["Tiền (đồng)", "moneyToRecoverVnd", "vnd"],
      ["Đất (m²)", "landToRecoverM2", "m2"],
    ],
  ],
  [
    "Trả lại cho tổ chức, cá nhân",
    [
      ["Tiền (đồng)", "moneyToReturnVnd", "vnd"],
      ["Đất (m²)", "landToReturnM2", "m2"],
    ],
  ],
  [
    "Kiến nghị xử lý",
    [
      ["Xử lý hành chính (người)", "peopleDisciplined"],
      ["Chuyển cơ quan điều tra (vụ)", "sentToInvestigation"],
    ],
  ],
  [
    "Tỷ lệ (%)",
    [
      ["Đã giải quyết / phải giải quyết", "resolutionRate", "rate"],
      ["Đúng hạn / đã quyết định", "onTimeRate", "rate"],
      ["Rút qua thuyết phục / đã giải quyết", "withdrawnAfterPersuasionShare", "rate"],
    ],
  ],
];

function form(number: FormNumber, name: string, set: FigureSet, groups: readonly GroupSpec[]): ReportForm {
  return { number, slug: number.replace("/", "-"), name, set, columns: columnsOf(set, groups) };
}

/** Every form, in the circular's order. */
export const REPORT_FORMS: readonly ReportForm[] = [
  form("01/TCD", "Tổng hợp kết quả tiếp công dân", "reception", RECEPTION),
  form("01/XLD", "Tổng hợp kết quả xử lý đơn", "processing", PROCESSING),
  form(
    "01/KQGQ",
    "Tổng hợp kết quả giải quyết đơn khiếu nại",
    "complaints",
    resolution({
      noun: "Khiếu nại",
      byDecision: "Bằng quyết định giải quyết",
      withdrawn: "Rút đơn",
      secondInstance: "Giải quyết lần hai",
      upheld: "Công nhận quyết định lần đầu",
      annulled: "Hủy, sửa quyết định lần đầu",
    }),
  ),
  form(
    "03/KQGQ",
    "Tổng hợp kết quả giải quyết đơn tố cáo",
    "denunciations",
    resolution({
      noun: "Tố cáo",
      byDecision: "Bằng kết luận nội dung tố cáo",
      withdrawn: "Rút tố cáo",
      secondInstance: "Giải quyết tố cáo tiếp",
      upheld: "Giữ nguyên kết luận",
      annulled: "Hủy, sửa kết luận",
    }),
  ),
];

/**
 * The form a caller named, or undefined: "01/KQGQ", "01-KQGQ", "01_kqgq" and "01 KQGQ" all name
 * the same form (a "/" cannot stand in a URL segment or a file name, so callers replace it).
 */
export function findForm(name: string): ReportForm | undefined {
  const wanted = name.trim().toUpperCase().replace(/[-_ ]/, "/");
  return REPORT_FORMS.find((f) => f.number === wanted);
}

/** The form numbers, for messages: "01/TCD, 01/XLD, 01/KQGQ, 03/KQGQ". */
export const FORM_LIST = REPORT_FORMS.map((f) => f.number).join(", ");

/** The `(1)`, `(2)`… numbers the circular prints under the headers of the figure columns. */
export const columnNumber = (index: number): string => `(${index + 1})`;
