/** Small helpers the pane's component tests share. */

export const textOf = (el: Element): string => el.textContent ?? "";
export const isDisabled = (el: Element): boolean => (el as HTMLButtonElement).disabled;

/** A promise the test settles when it wants: to hold a view in its loading state. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
