// WAFv2 (CLOUDFRONT scope, global): the web ACL in front of ShopFlow's distribution.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as WAF from '@aws-sdk/client-wafv2';
import { defineService } from '../recording.js';

export interface WafAnswers { webAcls: { webAcl: WAF.WebACL; lockToken: string }[] }

const answers: WafAnswers = {
  webAcls: [
    {
      webAcl: {
        Name: 'shopflow-edge',
        Id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
        ARN: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shopflow-edge/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
        DefaultAction: { Allow: {} },
        Description: 'ShopFlow edge protection',
        Rules: [
          {
            Name: 'AWS-AWSManagedRulesCommonRuleSet',
            Priority: 0,
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
            OverrideAction: { None: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'AWS-AWSManagedRulesCommonRuleSet' },
          },
          {
            Name: 'AWS-AWSManagedRulesKnownBadInputsRuleSet',
            Priority: 1,
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
            OverrideAction: { None: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'AWS-AWSManagedRulesKnownBadInputsRuleSet' },
          },
          {
            Name: 'AWS-AWSManagedRulesAmazonIpReputationList',
            Priority: 2,
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } },
            OverrideAction: { None: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'AWS-AWSManagedRulesAmazonIpReputationList' },
          },
          {
            Name: 'AWS-AWSManagedRulesSQLiRuleSet',
            Priority: 3,
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } },
            OverrideAction: { None: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'AWS-AWSManagedRulesSQLiRuleSet' },
          },
        ],
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'shopflow-edge' },
        Capacity: 1400,
        ManagedByFirewallManager: false,
        LabelNamespace: 'awswaf:123456789012:webacl:shopflow-edge:',
        RetrofittedByFirewallManager: false,
      },
      lockToken: '8d7038c8-776d-459c-a270-67f1636be995',
    },
  ],
};

export const wafv2 = defineService({
  name: 'wafv2', global: true,
  empty: { webAcls: [] },
  record(a, r) {
    // Fewer ACLs than the Limit: no NextMarker.
    const WebACLs = a.webAcls.map(({ webAcl, lockToken }) => ({ Name: webAcl.Name, Id: webAcl.Id, Description: webAcl.Description, LockToken: lockToken, ARN: webAcl.ARN }));
    r.record('WAFV2:ListWebACLs', { input: { Scope: 'CLOUDFRONT', Limit: 100, NextMarker: undefined }, output: { WebACLs } });
    for (const { webAcl, lockToken } of a.webAcls) {
      r.record('WAFV2:GetWebACL', { input: { Name: webAcl.Name, Id: webAcl.Id, Scope: 'CLOUDFRONT' }, output: { WebACL: webAcl, LockToken: lockToken } });
    }
  },
  answers,
});
