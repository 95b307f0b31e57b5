import { describe, expect, it } from 'vitest';
import { looksLikeCredential } from '../../src/collect/secrets.js';

describe('looksLikeCredential', () => {
  it.each([
    ['postgres://u:S3cret@db/x'],
    ['redis://:hunter2@cache.internal:6379'],
    ['https://admin:pw@example.com/path'],
    ['AKIAIOSFODNN7EXAMPLE'],
    ['ASIAIOSFODNN7EXAMPLE'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['-----BEGIN PRIVATE KEY-----'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345'],
    ['xoxb-123456789012-abcdefghijkl'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ])('flags %s whatever its name', (value) => {
    expect(looksLikeCredential(value)).toBe(true);
    expect(looksLikeCredential(value, 'ANYTHING')).toBe(true);
  });

  it.each([
    ['production', 'NODE_ENV'],
    ['https://api.example.com/v1', 'API_URL'],
    ['http://localhost:8080/health', 'HEALTH_URL'],
    ['3000', 'PORT'],
    ['us-east-1', 'AWS_REGION'],
  ])('does not flag ordinary configuration %s (%s)', (value, name) => {
    expect(looksLikeCredential(value, name)).toBe(false);
  });

  it('flags long random values under secret-sounding names', () => {
    expect(looksLikeCredential('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY')).toBe(true);
    expect(looksLikeCredential('a8Fk29dkLq0pZm3XvB7n', 'STRIPE_API_KEY')).toBe(true);
    expect(looksLikeCredential('123e4567-e89b-12d3-a456-426614174000', 'SPLUNK_TOKEN')).toBe(true);
    expect(looksLikeCredential('9f86d081884c7d659a2feaa0c55ad015', 'SESSION_SECRET')).toBe(true);
  });

  it('does not flag the same random value under an ordinary name', () => {
    expect(looksLikeCredential('a8Fk29dkLq0pZm3XvB7n', 'BUILD_ID')).toBe(false);
    expect(looksLikeCredential('a8Fk29dkLq0pZm3XvB7n', 'COMMIT')).toBe(false);
  });

  it('does not flag words, short values, references or settings under secret-sounding names', () => {
    expect(looksLikeCredential('production-us-east-1', 'KMS_KEY_ALIAS')).toBe(false);
    expect(looksLikeCredential('2024-01-01T00:00:00Z', 'TOKEN_ISSUED_AT')).toBe(false);
    expect(looksLikeCredential('short', 'API_KEY')).toBe(false);
    expect(looksLikeCredential('arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbC123', 'DB_SECRET')).toBe(false);
    expect(looksLikeCredential('a8Fk29dkLq0pZm3XvB7n', 'DB_PASSWORD_SECRET_ARN')).toBe(false);
    expect(looksLikeCredential('3600', 'TOKEN_TTL')).toBe(false);
  });

  it('flags any plain password of some length, random or not', () => {
    expect(looksLikeCredential('correcthorsebatterystaple', 'DB_PASSWORD')).toBe(true);
    expect(looksLikeCredential('changeme1', 'ADMIN_PASSWD')).toBe(true);
    expect(looksLikeCredential('12', 'PASSWORD_MIN')).toBe(false);
  });
});
