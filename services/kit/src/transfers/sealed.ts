import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Secret shared by the subgraphs: authenticates messages and seals confidential parts. */
export function transferSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.TRANSFER_SECRET;
  if (secret) {
    return secret;
  }
  if (env.NODE_ENV === "production") {
    throw new Error("TRANSFER_SECRET must be set in production: it protects transfers between subgraphs");
  }
  return "tiepdan-development-transfer-secret";
}

const keyOf = (secret: string): Buffer => createHash("sha256").update(`seal:${secret}`).digest();

/**
 * Seals a value (AES-256-GCM) so that it travels through outboxes, logs and retries unreadable:
 * only a subgraph holding the secret, the competent receiver, opens it.
 */
export function seal(value: unknown, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

/** Opens a sealed value; throws when it was tampered with or sealed with another secret. */
export function unseal<T>(sealed: string, secret: string): T {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !body) {
    throw new Error("malformed sealed value");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8")) as T;
}

/** The header value that proves a message comes from a subgraph of this platform. */
export const peerToken = (secret: string): string => createHash("sha256").update(`peer:${secret}`).digest("hex");
