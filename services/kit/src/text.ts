/**
 * Folds Vietnamese text for searching: NFC-normalised input, lower case, tone and vowel marks
 * removed, đ → d, runs of white space collapsed. "Phường Đông Thành" → "phuong dong thanh".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Normalises user or source text to NFC, so the same name is always stored with the same bytes. */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Escapes LIKE/ILIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
