// The accounts file: defaults applied, roles by name become the account's own role, specs resolved as
// --spec takes them; anything wrong is exit 2 with file, line, column and pointer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSpec, loadAccountsFile } from '../../src/accounts/accounts-file.js';
import { InputError } from '../../src/errors.js';

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'accounts-file-')), 'accounts.json');
  writeFileSync(file, text);
  return file;
};

async function problem(text: string): Promise<InputError> {
  const file = write(text);
  const err = await loadAccountsFile(file).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('loading an accounts file', () => {
  it('applies the defaults, names roles in their own account and resolves specs beside the file', async () => {
    const file = write(JSON.stringify({
      defaults: { role: 'infra-audit-readonly', regions: ['eu-west-1'], spec: 'shopflow' },
      accounts: [
        { id: '111111111111', name: 'prod' },
        { id: '222222222222', environment: 'staging', regions: ['us-east-1', 'eu-west-1'] },
        { id: '333333333333', role: 'arn:aws:iam::333333333333:role/team/audit', externalId: 'x-1', spec: 'specs/mine.json' },
        { id: '444444444444', profile: 'dev' },
      ],
    }));
    const targets = await loadAccountsFile(file);
    expect(targets[0]).toMatchObject({ id: '111111111111', name: 'prod', roleArn: 'arn:aws:iam::111111111111:role/infra-audit-readonly', regions: ['eu-west-1'], spec: 'shopflow' });
    expect(targets[1]).toMatchObject({ spec: 'shopflow-staging', regions: ['us-east-1', 'eu-west-1'] });
    expect(targets[2]).toMatchObject({ roleArn: 'arn:aws:iam::333333333333:role/team/audit', externalId: 'x-1', spec: join(file, '..', 'specs/mine.json') });
    // A profile reaches its account itself: the default role is not assumed on top of it.
    expect(targets[3]).toMatchObject({ profile: 'dev' });
    expect(targets[3]!.roleArn).toBeUndefined();
  });

  it('an environment of a spec file is its sibling file', () => {
    expect(environmentSpec('/x/app.json', 'staging')).toBe('/x/app-staging.json');
    expect(environmentSpec('shopflow', 'development')).toBe('shopflow-development');
  });

  it.each([
    ['an id that is not 12 digits', '{\n  "accounts": [\n    { "id": "12345" }\n  ]\n}', '/accounts/0/id', 3, /must match the pattern/],
    ['an unknown key', '{"accounts": [{"id": "111111111111", "rgion": ["us-east-1"]}]}', '/accounts/0/rgion', 1, /unknown property "rgion"/],
    ['no accounts', '{"accounts": []}', '/accounts', 1, /at least 1 item/],
    ['a spec and an environment both', '{"defaults": {"spec": "shopflow"}, "accounts": [{"id": "111111111111", "spec": "a.json", "environment": "staging"}]}', '/accounts/0', 1, /.+/],
    ['a malformed region', '{"accounts": [{"id": "111111111111", "regions": ["US-EAST-1"]}]}', '/accounts/0/regions/0', 1, /pattern/],
  ])('%s is exit 2 at its place', async (_label, text, pointer, line, message) => {
    const err = await problem(text);
    expect(err.location.pointer).toBe(pointer);
    expect(err.location.line).toBe(line);
    expect(err.message).toMatch(message);
  });

  it('the same account twice is refused at the second entry', async () => {
    const err = await problem('{"accounts": [\n{"id": "111111111111"},\n{"id": "111111111111"}\n]}');
    expect(err.location).toMatchObject({ pointer: '/accounts/1/id', line: 3 });
    expect(err.message).toMatch(/already listed at \/accounts\/0/);
  });

  it('a role ARN in another account is refused: it would audit that account under this id', async () => {
    const err = await problem('{"accounts": [{"id": "111111111111", "role": "arn:aws:iam::999999999999:role/audit"}]}');
    expect(err.location.pointer).toBe('/accounts/0/role');
    expect(err.message).toMatch(/in account 999999999999, not 111111111111/);
  });

  it('an environment without a default spec is refused', async () => {
    const err = await problem('{"accounts": [{"id": "111111111111", "environment": "staging"}]}');
    expect(err.location.pointer).toBe('/accounts/0/environment');
  });

  it('a file that is not JSON is exit 2 with its position', async () => {
    const err = await problem('{"accounts": [ {"id": "111111111111"}, ]}');
    expect(err.format()).toMatch(/accounts\.json:1:\d+: /);
  });
});
