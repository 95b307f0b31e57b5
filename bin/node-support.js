// The AWS SDK prints a 9-line warning on Node < 22 the first time a client is built. A scan or
// collect says the same in one line instead; every other command builds no client and says nothing.
const SDK_FLAG = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
const COMMANDS_THAT_READ_AWS = new Set(['scan', 'collect']);
// Help, version and shell completion build no client, whatever command they name.
const NO_CLIENT_FLAGS = new Set(['--help', '-h', '--version', '-v', '--get-yargs-completions']);

/** Silences the SDK's warning and returns the one line to print instead ('' when none is due). */
export function nodeSupportNotice(argv, env, nodeVersion) {
  const userSilenced = env[SDK_FLAG] === 'true';
  env[SDK_FLAG] = 'true';
  const major = Number(/^v(\d+)\./.exec(nodeVersion)?.[1] ?? 0);
  const readsAws = argv.some((arg) => COMMANDS_THAT_READ_AWS.has(arg)) && !argv.some((arg) => NO_CLIENT_FLAGS.has(arg));
  if (userSilenced || major >= 22 || !readsAws) return '';
  return `infra-audit: Node ${nodeVersion} works with this release; AWS SDK releases after the first week of January 2027 need Node 22 or newer (Node 24 recommended).\n`;
}
