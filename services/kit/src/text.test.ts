import { escapeLike, foldVietnamese, normalizeText } from "./text";

describe("foldVietnamese", () => {
  it("removes tone and vowel marks and folds đ", () => {
    expect(foldVietnamese("Phường Đông Thành")).toBe("phuong dong thanh");
    expect(foldVietnamese("Nguyễn Văn An")).toBe("nguyen van an");
    expect(foldVietnamese("Thị trấn Thiên Tôn")).toBe("thi tran thien ton");
  });

  it("gives the same result for NFC and NFD input", () => {
    const nfc = "Hoa Lư".normalize("NFC");
    const nfd = "Hoa Lư".normalize("NFD");
    expect(nfc).not.toBe(nfd);
    expect(foldVietnamese(nfc)).toBe(foldVietnamese(nfd));
    expect(foldVietnamese(nfd)).toBe("hoa lu");
  });

  it("collapses white space", () => {
    expect(foldVietnamese("  Yên \t Mô  ")).toBe("yen mo");
  });
});

describe("normalizeText", () => {
  it("stores decomposed input composed", () => {
    expect(normalizeText("Ninh Bi\u0300nh")).toBe("Ninh Bình");
  });
});

describe("escapeLike", () => {
  it("escapes wildcards", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});
