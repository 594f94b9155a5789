/**
 * Where `npm start` records its PID for `npm stop`: `.omspan/start.pid` in the project folder, or
 * OMSPAN_PID_FILE (the tests run a second stack beside a developer's `npm start` and must not take over
 * its record).
 */
import path from "node:path";

export const PID_FILE = path.resolve(process.env.OMSPAN_PID_FILE || ".omspan/start.pid");
