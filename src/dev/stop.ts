/** `npm stop`: ends what `npm start` started (it cleans up its own simulator, server and sideload). */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { PID_FILE } from "./pid-file";

if (!existsSync(PID_FILE)) {
  process.stdout.write("OMSPAN: nothing to stop (no `npm start` running from this folder).\n");
} else {
  const pid = Number(readFileSync(PID_FILE, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    process.stdout.write(`OMSPAN: stopping the running instance (pid ${pid}).\n`);
  } catch {
    process.stdout.write("OMSPAN: the recorded instance was no longer running.\n");
    rmSync(PID_FILE, { force: true });
  }
}
