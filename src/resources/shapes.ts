// The building blocks of props declarations: TypeBox schemas that yield both the TypeScript type
// (Static) and the JSON Schema the snapshot is validated with. Objects are closed and require every
// property (a collector always writes every prop; "absent" is never a value). Nullable primitives are
// one `type: [T, "null"]` so a wrong value reads "must be string,null"; enums stay `enum` so the
// message lists the allowed values.
import { Type, type Static, type TSchema, type TProperties, type TObject, type TArray, type TUnsafe } from '@sinclair/typebox';

type Doc = string | undefined;
const doc = (description: Doc) => (description === undefined ? {} : { description });

/** A closed object: every property required, no others. */
export const Obj = <P extends TProperties>(properties: P, description?: string): TObject<P> =>
  Type.Object(properties, { additionalProperties: false, ...doc(description) });

export const List = <T extends TSchema>(items: T, description?: string): TArray<T> => Type.Array(items, doc(description));

export const Str = (description?: string, options: { minLength?: number; maxLength?: number; format?: string } = {}) =>
  Type.String({ ...options, ...doc(description) });
/** A non-empty string: names and ids. */
export const Name = (description?: string) => Str(description, { minLength: 1 });
export const Bool = (description?: string) => Type.Boolean(doc(description));
export const Int = (description?: string, minimum?: number) => Type.Integer({ ...(minimum === undefined ? {} : { minimum }), ...doc(description) });
export const Count = (description?: string) => Int(description, 0);

const nullable = <T>(type: 'string' | 'integer' | 'number', description: Doc): TUnsafe<T | null> =>
  Type.Unsafe<T | null>({ type: [type, 'null'], ...doc(description) });
export const NullableStr = (description?: string) => nullable<string>('string', description);
export const NullableInt = (description?: string) => nullable<number>('integer', description);
export const NullableNum = (description?: string) => nullable<number>('number', description);
/** null, or a value of `schema` (for values with a pattern or format). */
export const OrNull = <T extends TSchema>(schema: T, description?: string): TUnsafe<Static<T> | null> =>
  Type.Unsafe<Static<T> | null>({ anyOf: [{ type: 'null' }, schema], ...doc(description) });

/** One of a fixed set of strings, as a JSON Schema `enum`. */
export const Enum = <const V extends readonly string[]>(values: V, description?: string): TUnsafe<V[number]> =>
  Type.Unsafe<V[number]>({ enum: [...values], ...doc(description) });

export const StringList = (description?: string) => List(Type.String(), description);
export const StringMap = (description?: string): TUnsafe<Record<string, string>> =>
  Type.Unsafe<Record<string, string>>({ type: 'object', additionalProperties: { type: 'string' }, ...doc(description) });

const pattern = (regex: string, description: Doc) => Type.String({ pattern: regex, ...doc(description) });

const AZ = '^[a-z]{2}(-[a-z]+)+-[0-9]+([a-z]|-[a-z]+-[0-9]+[a-z])$';
/** An availability zone name (us-east-1a, or a Local Zone such as us-west-2-lax-1a), never an AZ id (use1-az1). */
export const Az = (description?: string) => pattern(AZ, description);
export const NullableAz = (description?: string) => OrNull(Az(), description);
export const AzList = (description?: string) => List(Az(), description);

export const Arn = (description?: string) => pattern('^arn:aws[a-z-]*:', description);
export const NullableArn = (description?: string) => OrNull(Arn(), description);
export const ArnList = (description?: string) => List(Arn(), description);

export const DateTime = (description?: string) => Str(description, { format: 'date-time' });
export const NullableDateTime = (description?: string) => OrNull(DateTime(), description);

export const Port = (description?: string) => Type.Integer({ minimum: 0, maximum: 65535, ...doc(description) });

/** The IPv4 CIDR block (an IPv6 block, or empty, for an IPv6-only subnet, which has none). */
export const Cidr = (description?: string) => pattern('^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}|)$', description);

/** An EC2 resource id with its prefix: vpc-0123abcd. */
const ec2Id = (prefix: string) => (description?: string) => pattern(`^${prefix}-[0-9a-f]{8,17}$`, description);
export const VpcId = ec2Id('vpc');
export const SubnetId = ec2Id('subnet');
export const RouteTableId = ec2Id('rtb');
export const InternetGatewayId = ec2Id('igw');
export const NatGatewayId = ec2Id('nat');
export const SubnetIdList = (description?: string) => List(SubnetId(), description);
