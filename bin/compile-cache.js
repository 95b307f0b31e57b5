// Node >= 22.1 can keep V8's compiled code of every module on disk: a later run loads the CLI's
// modules (the generated validators are the largest) without compiling them again. The cache goes
// where NODE_COMPILE_CACHE says, else Node's default under the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. Node 20 has no such cache: nothing happens. A cache that cannot be written only costs
// the saving, never the run.
import * as nodeModule from 'node:module';

/** Turns the cache on where this Node has one; returns Node's status, or 'unsupported'. */
export function enableCompileCache(mod = nodeModule) {
  if (typeof mod.enableCompileCache !== 'function') return 'unsupported';
  try {
    const result = mod.enableCompileCache();
    return result?.status ?? 'unknown';
  } catch {
    return 'failed';
  }
}
