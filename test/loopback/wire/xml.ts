// Structures as XML, written by the SDK's own XML serializer from the operation's schema: element
// names (EC2's `vpcSet`/`item`, RDS's `<DBInstance>` members, S3's flattened lists) come from the
// model, so what the loopback server sends is what the real deserializer expects.
import { XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';

export function xmlOf(schema: unknown, value: unknown, xmlns?: string): string {
  const serializer = new XmlShapeSerializer({ xmlNamespace: xmlns ?? '', timestampFormat: { useTrait: true, default: 5 } } as never);
  serializer.write(schema as never, value);
  return String(serializer.flush());
}

/** The children of the root element: a query answer wraps them in `<OpResponse>`/`<OpResult>`. */
export function innerXml(xml: string): string {
  if (/^<[^>]*\/>$/.test(xml.trim())) return '';
  const match = /^<[^>]*>([\s\S]*)<\/[^>]+>$/.exec(xml.trim());
  return match?.[1] ?? '';
}

/** The output member bound to the HTTP body (REST-XML `httpPayload`), if any. */
export function payloadMember(schema: unknown): { name: string; schema: unknown } | undefined {
  for (const [name, member] of NormalizedSchema.of(schema as never).structIterator()) {
    if (member.getMergedTraits().httpPayload) return { name, schema: member };
  }
  return undefined;
}
