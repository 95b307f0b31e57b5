// Does a plain value look like a credential? Used to flag environment variables (and log options)
// that carry secrets in clear text. Only a yes/no leaves this module: values are never kept.

/** Shapes that are credentials whatever the variable is called. */
const CREDENTIAL_SHAPES: RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s@/]+@/i, // scheme://user:password@host
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // PEM private key
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/, // GitLab
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, // Slack
  /\b[sr]k_live_[A-Za-z0-9]{16,}\b/, // Stripe
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google API key
  /\bnpm_[A-Za-z0-9]{36}\b/,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
  /hooks\.slack\.com\/services\/[A-Za-z0-9/]+/,
];

/** Names whose value is a password whenever it is set. */
const PASSWORD_NAME = /PASSWORD|PASSWD|(^|_)PWD($|_)/i;
/** Names that often, not always, hold a secret: the value must also look random. */
const SECRET_NAME = /SECRET|TOKEN|KEY|CREDENTIAL|PASSPHRASE|(^|_)AUTH($|_)/i;
/** Settings about a secret rather than the secret itself (DB_PASSWORD_SECRET_ARN, TOKEN_TTL). */
const SETTING_NAME = /_(ARN|IDS?|NAME|PATH|FILE|PARAM|PARAMETER|LENGTH|POLICY|TTL|SECONDS|HEADER|REGION|ENABLED|TYPE)$/i;

export function looksLikeCredential(value: string, name?: string): boolean {
  if (CREDENTIAL_SHAPES.some((shape) => shape.test(value))) return true;
  if (!name || SETTING_NAME.test(name) || isReference(value)) return false;
  if (PASSWORD_NAME.test(name)) return value.length >= 8;
  return SECRET_NAME.test(name) && looksRandom(value);
}

// ARNs, URLs without credentials and paths name a secret kept elsewhere; they are not one.
function isReference(value: string): boolean {
  return /^arn:/i.test(value) || value.includes('://') || value.startsWith('/');
}

/**
 * Long, high-entropy, and not made of words: "a8Fk29dkLq0pZm3X" or a UUID, but not
 * "production-us-east-1" or "2024-01-01T00:00:00Z".
 */
function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || entropyBitsPerChar(value) < 3) return false;
  const randomChars = value
    .split(/[-_.:/+=,]+/)
    .filter((segment) => !isWordLike(segment))
    .reduce((sum, segment) => sum + segment.length, 0);
  return randomChars >= 12;
}

function isWordLike(segment: string): boolean {
  return /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+|\d{1,4})$/.test(segment);
}

function entropyBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
