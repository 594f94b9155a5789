// Preloaded into a CLI run by the benches (`node -r ./bench/rss-on-exit.js bin/omspan.js …`): its peak
// RSS on stderr as it exits, so a bench can say what the command itself needed, apart from its own heap.
process.on("exit", () => process.stderr.write(`\nomspan-bench-maxrss ${process.resourceUsage().maxRSS * 1024}\n`));
