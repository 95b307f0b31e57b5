// Route 53: Ledgerly's public zone; the apex and www alias the ALB (there is no distribution).
import type { Route53Answers } from '../shopflow/route53.js';
import { ALB_DNS } from './elbv2.js';
import { TAGS } from './names.js';
import { tagList } from '../build.js';

const toAlb = { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: `dualstack.${ALB_DNS}.`, EvaluateTargetHealth: true };

export const route53Answers: Route53Answers = {
  hostedZones: [
    {
      zone: { Id: '/hostedzone/Z08813762LEDGERLYQ4W', Name: 'ledgerly.example.com.', CallerReference: 'terraform-ledgerly-zone', Config: { Comment: 'Ledgerly public zone', PrivateZone: false }, ResourceRecordSetCount: 5 },
      tags: tagList(TAGS),
      records: [
        { Name: 'ledgerly.example.com.', Type: 'A', AliasTarget: toAlb },
        { Name: 'ledgerly.example.com.', Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-402.awsdns-50.com.' }, { Value: 'ns-1311.awsdns-35.org.' }] },
        { Name: 'ledgerly.example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-402.awsdns-50.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }] },
        { Name: 'app.ledgerly.example.com.', Type: 'A', AliasTarget: toAlb },
        { Name: 'www.ledgerly.example.com.', Type: 'A', AliasTarget: toAlb },
      ],
    },
  ],
};
