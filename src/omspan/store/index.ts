/** The store and the session: `omspan/store` reads as the store itself (store.ts), as it did before the folder. */
export * from "./store";
