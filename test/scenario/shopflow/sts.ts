// STS: who the scan runs as (answered in every region: the identity check may ask any).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as STS from '@aws-sdk/client-sts';
import { defineService } from '../recording.js';

export interface StsAnswers { identity: STS.GetCallerIdentityResponse }

const answers: StsAnswers = { identity: { UserId: 'AROAZ4KQ7XWMPLE2NIGHT:nightly', Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/infra-audit/nightly' } };

export const sts = defineService({
  name: 'sts', global: false, empty: answers,
  record(a, r) {
    r.record('STS:GetCallerIdentity', { input: {}, output: { ...a.identity } });
  },
  answers,
});
