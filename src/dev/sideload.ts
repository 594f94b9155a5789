/**
 * Sideloading into desktop Excel where office-addin-debugging can (Windows, macOS). It is an optional
 * dependency — it cannot install on Linux without libsecret, and cannot sideload there anyway — so its
 * absence only changes the instructions printed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const BIN = path.resolve("node_modules/.bin/office-addin-debugging");

/** Whether this machine can sideload into desktop Excel automatically. */
export function canSideload(): boolean {
  return (process.platform === "win32" || process.platform === "darwin") && existsSync(BIN);
}

/** Runs `office-addin-debugging <start|stop> <manifest> …`; resolves with its exit code. */
export function officeAddinDebugging(command: "start" | "stop", manifest: string): Promise<number> {
  const args = command === "start" ? ["start", manifest, "desktop", "--app", "excel", "--no-debug"] : ["stop", manifest];
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { stdio: "inherit", shell: process.platform === "win32" });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

export function sideloadInstructions(origin: string, manifest: string): string {
  return [
    "Sideload the add-in:",
    "  Excel on the web: Home › Add-ins › More add-ins › My add-ins › Upload my add-in, and choose",
    `    ${manifest}`,
    `  (first open ${origin}/taskpane.html in the same browser and trust the development certificate).`,
    "  Excel on Windows/macOS: `npm start` sideloads automatically where office-addin-debugging is installed.",
    `  Without Excel: open ${origin}/taskpane.html in a browser (preview mode).`,
  ].join("\n");
}
