// Vietnamese people and petitions as they appear in a Ninh Bình reception office: names with their
// diacritics, citizen ID numbers of the right shape, addresses of the province's own units, and the
// matters people complain, denounce, recommend or report about, by field.

import type { PersonInput } from "@tiepdan/kit";

import type { Random } from "./random";

const FAMILY = [
  ["Nguyễn", 30], ["Trần", 10], ["Lê", 8], ["Phạm", 8], ["Đinh", 6], ["Hoàng", 4], ["Vũ", 5], ["Bùi", 4], ["Đỗ", 4], ["Ngô", 2],
  ["Dương", 2], ["Đặng", 3], ["Mai", 2], ["Tạ", 1], ["Trịnh", 2], ["Lương", 1], ["Cao", 1], ["Đào", 1], ["Hà", 1], ["Tống", 1],
  ["Quách", 1], ["Lã", 1], ["Phan", 2], ["Hồ", 1], ["Nghiêm", 1],
] as const;
const MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Ngọc", "Thanh", "Công", "Đình", "Mạnh", "Trọng"];
const MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim"];
const GIVEN_MALE = [
  "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh", "Kiên", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa",
  "Phong", "Phúc", "Quân", "Quý", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Xuân", "Bảo", "Chiến",
];
const GIVEN_FEMALE = [
  "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga",
  "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Thoa", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Lụa", "Huyền",
];
const HAMLET = ["Thôn", "Xóm", "Thôn", "Xóm", "Tổ dân phố"];

/** A full Vietnamese name: family, middle and given name. */
export function personName(random: Random, female = random.chance(0.45)): string {
  const family = random.weighted(FAMILY);
  return `${family} ${random.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${random.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

/** Where the old 9-digit ID cards (CMND) of a province start: Ninh Bình's began 164. */
const CMND_PREFIX: Readonly<Record<string, string>> = { "37": "164" };

/**
 * A citizen ID number as issued to someone born in the province: the 12-digit CCCD (province of
 * birth, 037 for Ninh Bình, a digit for sex and century, the year of birth, six digits) or, on
 * older records, the 9-digit CMND (Ninh Bình's 164…), which most people still carried before 2016.
 */
export function citizenId(random: Random, female: boolean, receivedOn: string, provinceCode: string): string {
  const year = Number(receivedOn.slice(0, 4));
  const oldCard = random.chance(year < 2016 ? 0.8 : year < 2021 ? 0.45 : 0.08);
  const digits = (n: number): string => Array.from({ length: n }, () => random.int(0, 9)).join("");
  if (oldCard) {
    const prefix = CMND_PREFIX[provinceCode] ?? `${random.int(0, 3)}${random.int(0, 9)}`;
    return `${prefix}${digits(9 - prefix.length)}`;
  }
  const born = random.int(1940, Math.min(2004, year - 18));
  const sexCentury = (born >= 2000 ? 2 : 0) + (female ? 1 : 0);
  return `0${provinceCode}${sexCentury}${String(born % 100).padStart(2, "0")}${digits(6)}`;
}

/** A signer living at `address` (written the way offices write it), born in the province. */
export function person(random: Random, address: string, receivedOn: string, provinceCode: string): PersonInput {
  const female = random.chance(0.42);
  const hasPhone = random.chance(Number(receivedOn.slice(0, 4)) < 2018 ? 0.35 : 0.7);
  const prefix = random.pick(["09", "09", "03", "08", "07"]);
  return {
    fullName: personName(random, female),
    citizenId: random.chance(0.93) ? citizenId(random, female, receivedOn, provinceCode) : null,
    address: `${random.pick(HAMLET)} ${random.int(1, 18)}, ${address}`,
    phone: hasPhone ? `${prefix}${random.int(10_000_000, 99_999_999)}` : null,
  };
}

/** Fields of a petition (PetitionField values). */
export type Field = "LAND_HOUSING" | "POLICY_SOCIAL" | "ADMINISTRATIVE" | "JUSTICE" | "PARTY_MASS_ORGANISATIONS" | "OTHER";

/** Projects whose land recovery brings complaints (Ninh Bình's; elsewhere a project of the same kind). */
const PROJECTS = [
  "đường cao tốc Cao Bồ - Mai Sơn", "mở rộng Quốc lộ 1A", "đường Đông Tây thành phố Ninh Bình", "khu du lịch sinh thái Tràng An",
  "khu công nghiệp Gián Khẩu", "khu công nghiệp Khánh Phú", "đường tỉnh 477", "khu đô thị mới phía Nam", "hồ điều hòa trung tâm",
  "nâng cấp đê hữu sông Đáy", "khu tái định cư xã", "trường trung học cơ sở", "kênh tưới tiêu nội đồng", "đường vành đai", "cụm công nghiệp",
];

const COMPLAINT_MATTERS: Readonly<Record<Field, readonly ((p: string) => string)[]>> = {
  LAND_HOUSING: [
    (p) => `việc thu hồi đất, bồi thường, hỗ trợ khi thực hiện dự án ${p}: giá bồi thường thấp hơn giá thị trường, diện tích đo đạc thiếu`,
    (p) => `việc không bố trí đất tái định cư cho gia đình khi thu hồi đất ở để thực hiện dự án ${p}`,
    () => `việc từ chối cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất gia đình đã sử dụng ổn định từ năm 1992`,
    () => `việc điều chỉnh ranh giới thửa đất khi đo đạc lại bản đồ địa chính, làm giảm diện tích đất ở của gia đình`,
    () => `việc cưỡng chế tháo dỡ công trình xây dựng trên đất nông nghiệp mà không ban hành quyết định đúng quy định`,
    () => `việc giao đất dịch vụ, đất giãn dân không đúng đối tượng, gia đình đủ điều kiện nhưng không được xét`,
  ],
  POLICY_SOCIAL: [
    () => `việc không xét hưởng chế độ trợ cấp đối với người có công với cách mạng`,
    () => `việc đưa gia đình ra khỏi danh sách hộ nghèo, hộ cận nghèo không đúng thực tế`,
    () => `việc cắt trợ cấp xã hội hằng tháng đối với người cao tuổi, người khuyết tật`,
    () => `việc không giải quyết chế độ bảo hiểm xã hội một lần sau khi nghỉ việc`,
  ],
  ADMINISTRATIVE: [
    () => `quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng đối với gia đình`,
    () => `việc không cấp giấy phép xây dựng nhà ở riêng lẻ dù hồ sơ đầy đủ`,
    () => `quyết định kỷ luật cán bộ, công chức cấp xã`,
    () => `việc chậm giải quyết thủ tục hành chính về đăng ký hộ tịch`,
  ],
  JUSTICE: [
    () => `việc chứng thực hợp đồng chuyển nhượng quyền sử dụng đất không đúng chủ sử dụng`,
    () => `việc từ chối đăng ký khai sinh, cải chính hộ tịch`,
  ],
  PARTY_MASS_ORGANISATIONS: [() => `việc không công nhận kết quả bầu trưởng thôn`],
  OTHER: [
    () => `việc thu các khoản đóng góp xây dựng hạ tầng nông thôn mới không đúng quy định`,
    () => `việc đình chỉ hoạt động cơ sở sản xuất vật liệu xây dựng của gia đình`,
  ],
};

const DENUNCIATION_MATTERS: Readonly<Record<Field, readonly string[]>> = {
  LAND_HOUSING: [
    "giao đất, cho thuê đất trái thẩm quyền và thu tiền của người dân",
    "lập hồ sơ bồi thường, hỗ trợ khống, kê khai khống diện tích cây cối, hoa màu để chiếm đoạt tiền bồi thường",
    "nhận tiền của người dân khi làm thủ tục cấp Giấy chứng nhận quyền sử dụng đất",
    "để các hộ lấn chiếm đất công, đất hành lang giao thông mà không xử lý",
    "tự ý chuyển mục đích sử dụng đất lúa sang đất ở cho người nhà",
  ],
  POLICY_SOCIAL: [
    "lập danh sách hộ nghèo không đúng đối tượng, đưa người thân vào danh sách để hưởng chính sách",
    "chiếm đoạt tiền hỗ trợ người có công, tiền hỗ trợ người dân gặp khó khăn do dịch Covid-19",
  ],
  ADMINISTRATIVE: [
    "sách nhiễu, gây phiền hà cho người dân khi giải quyết thủ tục hành chính",
    "sử dụng bằng cấp không hợp pháp để được bổ nhiệm",
    "thu, chi ngân sách xã sai quy định, không công khai tài chính",
  ],
  JUSTICE: ["chứng thực chữ ký trong hợp đồng khi người ký không có mặt"],
  PARTY_MASS_ORGANISATIONS: ["vi phạm quy định về những điều đảng viên không được làm"],
  OTHER: [
    "bao che cho hoạt động khai thác đá, khai thác cát trái phép",
    "nâng khống khối lượng công trình đường giao thông nông thôn để rút tiền ngân sách",
    "thu tiền của phụ huynh học sinh trái quy định",
  ],
};

const RECOMMENDATION_MATTERS: Readonly<Record<Field, readonly string[]>> = {
  LAND_HOUSING: [
    "xem xét cấp Giấy chứng nhận quyền sử dụng đất cho các hộ đã sử dụng đất ổn định, không tranh chấp",
    "đẩy nhanh việc chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng",
    "giải quyết dứt điểm tranh chấp lối đi chung giữa các hộ trong xóm",
    "điều chỉnh quy hoạch để người dân được chuyển mục đích sử dụng đất vườn liền kề",
    "sớm bàn giao đất tái định cư cho các hộ đã di dời",
  ],
  POLICY_SOCIAL: [
    "xem xét chế độ cho thân nhân liệt sĩ",
    "hỗ trợ các hộ bị thiệt hại do mưa lũ",
    "xét hỗ trợ nhà ở cho hộ nghèo, gia đình chính sách",
  ],
  ADMINISTRATIVE: ["rút ngắn thời gian giải quyết thủ tục tại bộ phận một cửa", "công khai kết quả giải quyết thủ tục hành chính"],
  JUSTICE: ["hướng dẫn thủ tục khởi kiện tranh chấp thừa kế quyền sử dụng đất"],
  PARTY_MASS_ORGANISATIONS: ["xem xét tư cách đảng viên của cán bộ thôn", "công khai việc sử dụng quỹ của các đoàn thể"],
  OTHER: [
    "sửa chữa tuyến đường liên thôn bị xuống cấp sau mùa mưa",
    "xử lý ô nhiễm môi trường từ lò nung vôi, nhà máy xi măng",
    "xử lý tình trạng khai thác đá gây bụi, nứt nhà dân",
    "lắp đặt hệ thống chiếu sáng và biển báo tại điểm giao cắt nguy hiểm",
    "nạo vét kênh mương phục vụ sản xuất vụ chiêm xuân",
    "xử lý tình trạng xả thải của các cơ sở chăn nuôi",
  ],
};

/** Why a complaint or denunciation was found complex (the recorded finding). */
export const COMPLEXITY_REASONS = [
  "Phải xác minh tại nhiều địa điểm, liên quan nhiều thửa đất qua nhiều thời kỳ",
  "Có nhiều người cùng khiếu nại về một nội dung",
  "Nhiều cơ quan, đơn vị có liên quan, ý kiến còn khác nhau",
  "Chứng cứ mâu thuẫn, cần trưng cầu giám định",
];

/** The matter of a complaint in a field, with the decision complained about. */
export function complaintContent(random: Random, field: Field, against: string, decision: string, provinceCode: string): string {
  const project = provinceCode === "37" ? random.pick(PROJECTS) : random.pick(["nâng cấp quốc lộ", "khu công nghiệp", "khu đô thị mới", "đường tỉnh"]);
  const matter = random.pick(COMPLAINT_MATTERS[field])(project);
  return `Khiếu nại ${decision} của ${against} về ${matter}. Đề nghị xem xét, giải quyết theo quy định của pháp luật.`;
}

/** The matter of a denunciation against an official. */
export function denunciationContent(random: Random, field: Field, accused: string): string {
  return `Tố cáo ${accused} có hành vi ${random.pick(DENUNCIATION_MATTERS[field])}. Đề nghị cơ quan có thẩm quyền xác minh, xử lý nghiêm.`;
}

/** A recommendation or a reflection (kiến nghị, phản ánh). */
export function recommendationContent(random: Random, field: Field, reflection: boolean, place: string): string {
  const matter = random.pick(RECOMMENDATION_MATTERS[field]);
  return reflection
    ? `Phản ánh về việc chưa ${matter} tại ${place}; người dân bức xúc, đề nghị các cấp có thẩm quyền quan tâm.`
    : `Kiến nghị ${matter} tại ${place}.`;
}

/** A unit's name as it stands inside an address or a sentence: "Xã Gia Lâm" → "xã Gia Lâm". */
export const inText = (name: string): string => name.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn) /u, (kind) => kind.toLowerCase());

/** An official of a unit, as a denunciation names him. */
export function accusedOfficial(random: Random, unitName: string): string {
  const post = random.pick(["cán bộ địa chính - xây dựng", "Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân", "kế toán ngân sách", "trưởng thôn", "công chức văn hóa - xã hội", "cán bộ giải phóng mặt bằng"]);
  return `ông ${personName(random, false)}, ${post} ${unitName}`;
}
