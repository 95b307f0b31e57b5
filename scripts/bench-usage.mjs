// Preloaded into a benchmarked process (node --import): at exit, writes what /usr/bin/time would
// print (CPU and peak memory, from the kernel's rusage) to the file named by BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', (code) => {
  if (!process.env.BENCH_USAGE_FILE) return;
  const u = process.resourceUsage();
  // performance.now() counts from the process's start, so start-up is included.
  const usage = { code, wallMs: performance.now(), cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMB: u.maxRSS / 1024 };
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(usage));
});
