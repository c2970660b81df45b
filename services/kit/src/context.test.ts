import { callerFromHeaders, requestIdFromHeaders } from "./context";
import { formatClientError } from "./errors";

describe("request context", () => {
  it("reads the caller forwarded by the gateway", () => {
    expect(callerFromHeaders({ "x-user-id": "can-bo-01", "x-user-unit": "37.ban-tcd", "x-user-roles": "officer, inspector" })).toEqual({
      userId: "can-bo-01",
      unitId: "37.ban-tcd",
      roles: ["officer", "inspector"],
    });
  });

  it("drops malformed caller values instead of trusting them", () => {
    expect(callerFromHeaders({ "x-user-id": "a b\n", "x-user-roles": "ok,<script>" })).toEqual({ userId: null, unitId: null, roles: ["ok"] });
  });

  it("keeps a well-formed request id and makes one otherwise", () => {
    expect(requestIdFromHeaders({ "x-request-id": "abc-123" })).toBe("abc-123");
    expect(requestIdFromHeaders({ "x-request-id": "bad id\n" })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFromHeaders({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("formatClientError", () => {
  it("passes client errors through without internals", () => {
    const out = formatClientError({ message: 'Province "99" was not found', extensions: { code: "NOT_FOUND", stacktrace: ["at x"] } });
    expect(out).toEqual({ message: 'Province "99" was not found', extensions: { code: "NOT_FOUND" } });
  });

  it("masks anything else as an internal error with the request id", () => {
    const out = formatClientError({ message: 'relation "x" does not exist', extensions: { stacktrace: ["at pg"] } }, "req-1");
    expect(out).toEqual({ message: "Internal server error (request req-1)", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-1" } });
  });
});
