// Normalization after collection: edges that cross services and can only be found by DNS name,
// pruning of edges to resources that were not collected, and a stable order so snapshots diff cleanly.
import type { GraphEdge, GraphNode, Snapshot } from './types.js';
import type { DistributionProps, HostedZoneProps, LoadBalancerProps } from './resource-types.js';

const host = (name: string) => name.toLowerCase().replace(/\.$/, '');

export function linkGraph(nodes: GraphNode[], edges: GraphEdge[]): Pick<Snapshot, 'nodes' | 'edges'> {
  const ids = new Set(nodes.map((n) => n.id));
  const linked = [...edges];

  const lbByDns = new Map<string, string>();
  for (const n of nodes) if (n.type === 'elbv2.load-balancer') lbByDns.set(host((n.props as LoadBalancerProps).dnsName), n.id);
  const distributionByDomain = new Map<string, string>();
  for (const n of nodes) if (n.type === 'cloudfront.distribution') distributionByDomain.set(host((n.props as DistributionProps).domainName), n.id);

  for (const n of nodes) {
    if (n.type === 'cloudfront.distribution') {
      for (const origin of (n.props as DistributionProps).origins) {
        // CloudFront may front an ALB by its "dualstack." name as well as its plain one.
        const lb = lbByDns.get(host(origin.domainName).replace(/^dualstack\./, ''));
        if (lb) linked.push({ type: 'origin', from: n.id, to: lb });
      }
    }
    if (n.type === 'route53.hosted-zone') {
      for (const alias of (n.props as HostedZoneProps).cloudFrontAliases) {
        const dist = distributionByDomain.get(host(alias.dnsName));
        if (dist) linked.push({ type: 'alias-to', from: n.id, to: dist });
      }
    }
  }

  const seen = new Set<string>();
  const kept = linked.filter((e) => {
    const key = `${e.type}|${e.from}|${e.to}`;
    if (seen.has(key) || !ids.has(e.from) || !ids.has(e.to)) return false;
    seen.add(key);
    return true;
  });
  return {
    nodes: [...nodes].sort((a, b) => cmp(a.type, b.type) || cmp(a.id, b.id)),
    edges: kept.sort((a, b) => cmp(a.type, b.type) || cmp(a.from, b.from) || cmp(a.to, b.to)),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
