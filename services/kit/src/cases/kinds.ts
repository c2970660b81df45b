import { registerEnumType } from "type-graphql";

/** Where a petition came from (nguồn đơn). */
export enum PetitionSource {
  IN_PERSON = "IN_PERSON",
  POST = "POST",
  ONLINE = "ONLINE",
  FORWARDED_BY_LEADER = "FORWARDED_BY_LEADER",
  FORWARDED_BY_ELECTED_BODY = "FORWARDED_BY_ELECTED_BODY",
  TRANSFERRED = "TRANSFERRED",
  PRESS = "PRESS",
}
registerEnumType(PetitionSource, {
  name: "PetitionSource",
  valuesConfig: {
    IN_PERSON: { description: "Trực tiếp tại nơi tiếp công dân" },
    POST: { description: "Qua bưu chính" },
    ONLINE: { description: "Trực tuyến" },
    FORWARDED_BY_LEADER: { description: "Do lãnh đạo chuyển đến" },
    FORWARDED_BY_ELECTED_BODY: { description: "Do đại biểu, cơ quan dân cử chuyển đến" },
    TRANSFERRED: { description: "Do cơ quan khác chuyển đến" },
    PRESS: { description: "Báo chí" },
  },
});

/** What a petition contains; one petition may have several contents. */
export enum ContentType {
  COMPLAINT = "COMPLAINT",
  DENUNCIATION = "DENUNCIATION",
  RECOMMENDATION = "RECOMMENDATION",
  REFLECTION = "REFLECTION",
}
registerEnumType(ContentType, {
  name: "ContentType",
  valuesConfig: {
    COMPLAINT: { description: "Khiếu nại: against an administrative decision or act affecting the petitioner" },
    DENUNCIATION: { description: "Tố cáo: reports a violation by an official or organisation" },
    RECOMMENDATION: { description: "Kiến nghị" },
    REFLECTION: { description: "Phản ánh" },
  },
});

/** Field of a petition (lĩnh vực). */
export enum PetitionField {
  LAND_HOUSING = "LAND_HOUSING",
  POLICY_SOCIAL = "POLICY_SOCIAL",
  ADMINISTRATIVE = "ADMINISTRATIVE",
  JUSTICE = "JUSTICE",
  PARTY_MASS_ORGANISATIONS = "PARTY_MASS_ORGANISATIONS",
  OTHER = "OTHER",
}
/** Vietnamese name of each field, as the forms' breakdowns print it. */
export const PETITION_FIELD_LABELS: Readonly<Record<PetitionField, string>> = {
  LAND_HOUSING: "Đất đai, nhà ở",
  POLICY_SOCIAL: "Chính sách, chế độ, xã hội",
  ADMINISTRATIVE: "Hành chính",
  JUSTICE: "Tư pháp",
  PARTY_MASS_ORGANISATIONS: "Đảng, đoàn thể",
  OTHER: "Khác",
};
registerEnumType(PetitionField, {
  name: "PetitionField",
  valuesConfig: Object.fromEntries(Object.entries(PETITION_FIELD_LABELS).map(([value, label]) => [value, { description: label }])),
});

/** Why a petition is not eligible for processing (Circular 05/2021/TT-TTCP). */
export enum IneligibilityReason {
  NOT_IN_VIETNAMESE = "NOT_IN_VIETNAMESE",
  NO_NAME_ADDRESS_SIGNATURE = "NO_NAME_ADDRESS_SIGNATURE",
  NO_CONTENT = "NO_CONTENT",
  ALREADY_SENT_TO_COMPETENT_BODY = "ALREADY_SENT_TO_COMPETENT_BODY",
  ALREADY_GUIDED = "ALREADY_GUIDED",
  PAST_TIME_LIMIT = "PAST_TIME_LIMIT",
  FINALLY_RESOLVED_NO_NEW_FACTS = "FINALLY_RESOLVED_NO_NEW_FACTS",
}
registerEnumType(IneligibilityReason, { name: "IneligibilityReason" });

/** Result of a complaint decision or a denunciation conclusion. */
export enum DecisionResult {
  RIGHT = "RIGHT",
  WRONG = "WRONG",
  PARTLY_RIGHT = "PARTLY_RIGHT",
  UPHELD = "UPHELD",
  ANNULLED_OR_AMENDED = "ANNULLED_OR_AMENDED",
}
registerEnumType(DecisionResult, {
  name: "DecisionResult",
  valuesConfig: {
    RIGHT: { description: "Đúng (1st instance, denunciation)" },
    WRONG: { description: "Sai (1st instance, denunciation)" },
    PARTLY_RIGHT: { description: "Đúng một phần (1st instance, denunciation)" },
    UPHELD: { description: "2nd instance: the 1st-instance decision is upheld (công nhận)" },
    ANNULLED_OR_AMENDED: { description: "2nd instance: annulled or amended (hủy bỏ, sửa đổi)" },
  },
});

/** Results allowed for each kind and instance. */
export const RESULTS_FOR: Readonly<Record<"COMPLAINT_1" | "COMPLAINT_2" | "DENUNCIATION", readonly DecisionResult[]>> = {
  COMPLAINT_1: [DecisionResult.RIGHT, DecisionResult.WRONG, DecisionResult.PARTLY_RIGHT],
  COMPLAINT_2: [DecisionResult.UPHELD, DecisionResult.ANNULLED_OR_AMENDED],
  DENUNCIATION: [DecisionResult.RIGHT, DecisionResult.WRONG, DecisionResult.PARTLY_RIGHT],
};
