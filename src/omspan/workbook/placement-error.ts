/** A table write that failed; `changed` says whether the table is no longer as it was (so "unchanged" is only said when true). */
export class PlacementError extends Error {
  override readonly name = "PlacementError";
  constructor(
    override readonly cause: unknown,
    readonly changed: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** By name as well as instanceof (a second copy of the module, another frame). */
export const isPlacementError = (e: unknown): e is PlacementError => e instanceof Error && e.name === "PlacementError" && "changed" in e;
