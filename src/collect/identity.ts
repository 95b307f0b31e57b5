// Who we are: sts:GetCallerIdentity, before any read. Credential problems are the operator's to fix
// (exit 2, saying how); an endpoint that fails or answers without an account id stops the scan too,
// since an audit of "account undefined" would look complete.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CollectionError, CredentialsError } from '../errors.js';
import type { ClientFactory } from './clients.js';

// What STS says when the keys themselves are wrong or expired.
const REJECTED_KEYS = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'AccessDenied']);

export async function identify(clients: ClientFactory, region: string): Promise<{ account: string; partition: string }> {
  let identity;
  try {
    identity = await clients.get(STSClient, region).send(new GetCallerIdentityCommand({}));
  } catch (err) {
    throw identityError(err, clients.profile);
  }
  // An answer without an account (checkAnswer) fails above; this guards a malformed one.
  if (!identity.Account || !/^\d{12}$/.test(identity.Account)) {
    throw new CollectionError(`sts:GetCallerIdentity answered without a valid account id (${JSON.stringify(identity.Account ?? null)}): is AWS_ENDPOINT_URL pointing at something that is not AWS?`);
  }
  return { account: identity.Account, partition: identity.Arn?.split(':')[1] || 'aws' };
}

function identityError(err: unknown, profile: string | undefined): Error {
  const e = err as { name?: string; message?: string } | undefined;
  const name = e?.name ?? 'Error';
  const message = (e?.message ?? String(err)).split('\n')[0];
  const which = profile ? `profile "${profile}"` : 'the default credential chain (AWS_PROFILE, environment, ~/.aws, SSO, instance role)';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso/i.test(message ?? '')) {
      return new CredentialsError(`the SSO session for ${which} has expired or was never started: run "aws sso login${profile ? ` --profile ${profile}` : ''}" and try again (${message})`);
    }
    if (profile) {
      return new CredentialsError(`no credentials for profile "${profile}": check the name against "aws configure list-profiles" (~/.aws/config, ~/.aws/credentials) (${message})`);
    }
    return new CredentialsError(`no AWS credentials found in ${which}: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run "aws sso login" (${message})`);
  }
  if (REJECTED_KEYS.has(name)) {
    return new CredentialsError(`AWS rejected the credentials of ${which} (${name}: ${message}): refresh them (e.g. "aws sso login${profile ? ` --profile ${profile}` : ''}") or check --role-arn`);
  }
  return new CollectionError(`cannot identify the account (sts:GetCallerIdentity failed: ${name}: ${message}). Check your network, AWS_ENDPOINT_URL, --profile or --role-arn.`);
}
