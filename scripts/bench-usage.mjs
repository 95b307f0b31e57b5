// Preloaded into a benchmarked process (node --import): at exit, writes what /usr/bin/time would
// print (CPU and peak memory, from the kernel's rusage) to the file named by BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', (code) => {
  const u = process.resourceUsage();
  const usage = { code, wallMs: performance.now(), // since the process started cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMB: u.maxRSS / 1024 };
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(usage));
});
