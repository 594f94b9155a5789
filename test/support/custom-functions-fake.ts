/**
 * Excel's CustomFunctions.Error cannot exist outside Excel; this stands in for it in tests so the
 * functions' error mapping is observable: `code` is the cell error Excel would show.
 */
export function installCustomFunctionsFake(): void {
  const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } as const;
  class FakeError extends Error {
    constructor(readonly code: string, message?: string) {
      super(message);
    }
  }
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeError, ErrorCode };
}
