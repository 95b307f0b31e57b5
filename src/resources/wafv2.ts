// WAFv2 web ACLs of scope CLOUDFRONT (global).
import { Count, Enum, Name, Obj } from './shapes.js';
import { defineService } from './define.js';

export const wafv2 = defineService({
  service: 'wafv2',
  iamPrefix: 'wafv2',
  global: true,
  types: {
    'wafv2.web-acl': {
      doc: 'WAF web ACL',
      props: Obj({
        webAclId: Name("The web ACL's Id (the node id is its ARN)."),
        scope: Enum(['CLOUDFRONT', 'REGIONAL']),
        defaultAction: Enum(['allow', 'block']),
        ruleCount: Count(),
      }),
    },
  },
  edges: {},
});
