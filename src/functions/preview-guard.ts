/**
 * Outside Office (the pane previewed in a plain browser, office.js unreachable) there is no
 * `CustomFunctions`, yet custom-functions-metadata-plugin appends `CustomFunctions.associate(...)` calls to
 * functions.ts, which would throw a ReferenceError on every preview load. This module, imported first by
 * functions.ts, defines a no-op `associate` only then. It never replaces a real `CustomFunctions`: office.js
 * defines it (with `associate`) synchronously while it loads, before any bundle runs, so inside Office,
 * and whenever office.js loaded, this does nothing.
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    /** Preview only: nothing calls the functions, so there is nothing to register. */
    associate(): void {},
  };
}

export {};
