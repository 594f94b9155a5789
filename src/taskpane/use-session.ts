/**
 * React's view of the shared-runtime session: the pane re-renders whenever the session changes, whoever
 * changed it (the pane itself, a custom function that found the key refused, the ribbon).
 */
import { useSyncExternalStore } from "react";
import type { ConnectInput, SessionState } from "../omspan/store/session";
import { session } from "../shared-runtime";

export type { SessionState };

const subscribe = (listener: () => void): (() => void) => session.subscribe(listener);
const getSnapshot = (): SessionState => session.getSnapshot();

/** The current session state; components never read `session` directly, they get it from here. */
export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** The actions the pane offers, handed to components as props. */
export interface SessionActions {
  connect(input: ConnectInput): Promise<unknown>;
  disconnect(): Promise<void>;
  /** Forgets the copy remembered on this computer; the live connection stays. */
  forgetKey(): Promise<void>;
}

export const sessionActions: SessionActions = {
  connect: (input) => session.connect(input),
  disconnect: () => session.disconnect(),
  forgetKey: () => session.forgetKey(),
};
