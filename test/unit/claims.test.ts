import { decodeClaims } from "../../src/omspan/claims";
import { mintTestKey } from "../support/keys";

test("a key's claims are read without verifying: who and which fiscal year", async () => {
  const key = await mintTestKey({ year: 2026 });
  const c = decodeClaims(`  Bearer ${key}\n`);
  expect(c.usr).toBe("Webservice ATR/BPN");
  expect(c.kdt).toBe("2026");
  expect(c.issuedAt).toBeInstanceOf(Date);
});

test.each([
  ["", /empty/],
  ["abc", /1 segments/],
  ["a.b.c.d", /4 segments/],
  ["ab$.cd.ef", /base64url/],
  // Minted here, never a JWT-looking literal: a readable header over a payload that is not JSON.
  [`${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from("not json").toString("base64url")}.x`, /not a readable JWT/],
])("%p is refused before any request", (key, reason) => {
  expect(() => decodeClaims(key)).toThrow(expect.objectContaining({ code: "invalid-key", message: expect.stringMatching(reason) }));
});

test("the reason is given in the user's language", () => {
  const { localizeError } = jest.requireActual<typeof import("../../src/omspan/messages")>("../../src/omspan/messages");
  try {
    decodeClaims("a.b");
  } catch (e) {
    expect(localizeError(e, "id")).toBe("Kunci API bukan kunci OMSPAN yang sah (2 bagian, seharusnya 3). Salin ulang kunci lengkapnya.");
    expect(localizeError(e, "en")).toBe("The API key is not a valid OMSPAN key (2 segments, expected 3). Copy the whole key again.");
    return;
  }
  throw new Error("not refused");
});
