// The open architecture spec (specVersion 2), defined once: the TypeScript type below and
// schemas/spec-v2.schema.json (npm run schemas) both come from this module, so they cannot disagree.
// Loaded at build time and by tests only: the running tool validates with the compiled validator.
// The shape is explained for people in docs/spec-v2.md.
//
// Why maps and not arrays: every section is an object of named items ("services": {"api": {...}}).
// A name is what a report shows, what a pointer addresses (/services/api/scaling/minTasks), and what an
// environment overlay patches: JSON Merge Patch (RFC 7396) replaces arrays whole but merges objects
// key by key, so a staging overlay can change one service's task count without restating the others.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { COST_CATEGORIES, CATEGORY_KEYS } from '../cost/categories.js';
import { Init, INIT_KEYWORD } from './spec-init-from.js';

const Closed = { additionalProperties: false } as const;
const Enum = <const V extends readonly (string | number)[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ enum: [...values], description });
const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

// RE2 syntax, so a spec cannot make matching take more than linear time (src/input/regex.ts).
const REGEX_WORDS = 'Regular expression (RE2 syntax: JavaScript\'s without lookaround or backreferences; matched in linear time)';
const Regex = (what: string) => Type.String({ minLength: 1, format: 'regex', description: `${REGEX_WORDS} ${what}` });
const Region = (what: string) => Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$', description: `An AWS region name, e.g. us-east-1: ${what}` });
const AZ_PATTERN = '^[a-z]{2}(-[a-z]+)+-[0-9]+([a-z]|-[a-z]+-[0-9]+[a-z])$';
const Az = (what: string) => Type.String({ pattern: AZ_PATTERN, description: `An availability zone name (us-east-1a), never an AZ id (use1-az1): ${what}` });
const AzList = (what: string, minItems = 1) =>
  Type.Array(Type.String({ pattern: AZ_PATTERN, description: 'An availability zone name, e.g. us-east-1a.' }), { minItems, uniqueItems: true, description: what });
const Port = (what: string) => Type.Integer({ minimum: 1, maximum: 65535, description: what });
const Count = (what: string, minimum = 0) => Type.Integer({ minimum, description: what });
const Bool = (what: string) => Type.Boolean({ description: what });
const Text = (what: string) => Type.String({ minLength: 1, description: what });
const Tags = (what: string) =>
  Type.Record(Type.String({ minLength: 1 }), Type.String({ description: 'The tag value.' }), { minProperties: 1, description: what });
const NAME = '^[a-z0-9][a-z0-9-]*$';

/** How an item's resources are recognised among the application's in-scope resources. */
const Match = Type.Object(
  {
    name: Opt(Text("The resource's exact name (an ECS service's name, a bucket's name, a VPC's Name tag).")),
    namePrefix: Opt(Text("The resource's name starts with this.")),
    namePattern: Opt(Regex("that the resource's name matches.")),
    tags: Opt(Tags('Tag key -> value the resource carries (all of them).')),
  },
  {
    ...Closed,
    minProperties: 1,
    description:
      "How this item's resources are told apart from the application's other in-scope resources of the same kind: every criterion given must hold. Without `match` every in-scope resource of the kind belongs to the item (fine when the section has one item).",
  },
);

// A citation is a quote, not a reference to a heading or line number: the document can be edited around
// it, and `spec check-doc` notices when the quoted words themselves are gone. Bounded so a spec stays small.
const MAX_QUOTE_LENGTH = 300;
const MAX_QUOTES_PER_VALUE = 8;
const MAX_CITED_VALUES = 64;
const Quote = Type.String({
  minLength: 1,
  maxLength: MAX_QUOTE_LENGTH,
  pattern: '\\S',
  description:
    "Text quoted from the document, as it is written there (case and punctuation exact; any run of whitespace, line breaks included, matches any other run, so a quote from an aligned table such as 'Multi-AZ: Enabled' is found).",
});
const Cite = (whose: string) =>
  Type.Record(
    Type.String({ pattern: '^(/[^/]+)*$', description: `A JSON pointer relative to ${whose} (\`/multiAz\`, \`/readReplicas/count\`); "" is ${whose} as a whole.` }),
    Type.Union([Quote, Type.Array(Quote, { minItems: 1, maxItems: MAX_QUOTES_PER_VALUE, uniqueItems: true, description: 'Several quotes, each in the document.' })]),
    {
      additionalProperties: false,
      maxProperties: MAX_CITED_VALUES,
      description: `Where ${whose}'s values come from in the architecture document (\`document\`): value pointer -> the text quoted from it. SARIF puts a finding about a cited value on the document's line (the spec's line becomes a related location), and \`infra-audit spec check-doc\` reports a quote that is no longer in the document. A cite counts only for a value the same file wrote: an overlay that changes a value without citing it again is not anchored to the base's quote.`,
    },
  );

/** What every item has, whatever its section. */
const itemBase = {
  match: Opt(Match),
  region: Opt(Region("where this item's resources are; defaults to the spec's `region`.")),
  description: Opt(Text('Free text for people: what the item is (reports do not use it).')),
  cite: Opt(Cite('the item')),
};
const Item = <P extends Record<string, TSchema>>(properties: P, description: string) =>
  Type.Object({ ...itemBase, ...properties }, { ...Closed, description });
const Section = <T extends TSchema>(item: T, description: string) =>
  Type.Record(Type.String({ pattern: NAME }), item, {
    additionalProperties: false,
    description: `${description} Keys are the items' names (lowercase letters, digits, '-'), shown in reports. Absent section: this architecture has none, and every rule about it is skipped with reason "not in this architecture".`,
  });

const SubnetTier = (which: string) =>
  Type.Object(
    { routeToInternetGateway: Opt(Bool(`The ${which} subnets' route tables send 0.0.0.0/0 to an internet gateway.`)) },
    { ...Closed, description: `The ${which} subnets.` },
  );

const Network = Item(
  {
    availabilityZones: Opt(AzList('The availability zones every tier of the network spans.')),
    subnetTiers: Opt(
      Type.Object(
        {
          public: Opt(SubnetTier("public tier's (the load balancers' and NAT gateways')")),
          private: Opt(SubnetTier("private tier's (the ECS tasks')")),
          data: Opt(SubnetTier("data tier's (the database and cache subnet groups')")),
        },
        { ...Closed, description: 'The subnet tiers and how each reaches the internet. A tier left out is not checked.' },
      ),
    ),
    natGateways: Opt(
      Type.Object(
        {
          count: Opt(Count('Public NAT gateways in the network (a regional NAT gateway counts once).')),
          state: Opt(Enum(['pending', 'available', 'failed', 'deleting', 'deleted'] as const, 'The state every counted NAT gateway must be in.')),
          onePerAvailabilityZone: Opt(Bool("A NAT gateway in each availability zone, each private subnet routing through its own zone's.")),
        },
        { ...Closed, description: 'The NAT gateways that give the private tier its egress.' },
      ),
    ),
  },
  'One VPC of the application. The number of items is the number of VPCs the application runs in (default VPCs are never counted).',
);

const Distribution = Item(
  {
    enabled: Opt(Bool('The distribution exists and is enabled.')),
    staticOrigin: Opt(
      Type.Object(
        {
          kind: Opt(Enum(['s3', 'custom'] as const, 'The kind of origin that serves static assets.')),
          originAccessControl: Opt(Bool('The S3 origin is reached through an origin access control (OAC).')),
          bucketNamePattern: Opt(
            Init(
              Regex("that the name of the S3 bucket behind the static origin matches (some S3 origin of the distribution must be such a bucket of the application)."),
              // The one bucket its S3 origins point at today, as a pattern matching exactly that name.
              { via: 'origin', type: 's3.bucket', prop: 'bucketName', combine: 'agreed', as: 'exactPattern' },
            ),
          ),
        },
        { ...Closed, description: 'The origin that serves static assets.' },
      ),
    ),
    dynamicOriginIsLoadBalancer: Opt(Bool("An origin's domain is the application load balancer's DNS name.")),
    waf: Opt(
      Type.Object(
        {
          required: Opt(Bool('A WAF web ACL must be attached to the distribution.')),
          scope: Opt(Enum(['CLOUDFRONT', 'REGIONAL'] as const, "The web ACL's WAFv2 scope (CLOUDFRONT for a distribution).")),
        },
        { ...Closed, description: 'The web application firewall in front of the distribution.' },
      ),
    ),
    viewerCertificateSource: Opt(Enum(['acm', 'iam', 'cloudfront'] as const, 'Where the viewer certificate comes from (cloudfront: the default *.cloudfront.net one).')),
    certificateExpiryWarningDays: Opt(
      Init(
        Type.Integer({ minimum: 0, description: 'The viewer certificate must stay valid at least this many days after the snapshot was taken.' }),
        // The window the certificates meet today, at most the customary 30 days: an expired one is unknown ground.
        { via: 'served-with', type: 'acm.certificate', prop: 'daysUntilExpiry', combine: 'min', atMost: 30 },
      ),
    ),
    viewerProtocolPolicies: Opt(
      Type.Array(Enum(['allow-all', 'https-only', 'redirect-to-https'] as const, 'A viewer protocol policy.'), {
        minItems: 1,
        uniqueItems: true,
        description: 'Viewer protocol policies every cache behaviour may use.',
      }),
    ),
    minimumProtocolVersions: Opt(
      Type.Array(Type.String({ pattern: '^(SSLv3|TLSv1(\\.[0-9])?(_[0-9]{4})?)$', description: 'A CloudFront security policy, e.g. TLSv1.2_2021.' }), {
        minItems: 1,
        uniqueItems: true,
        description: 'CloudFront security policies (viewerCertificate.minimumProtocolVersion) that are acceptable.',
      }),
    ),
  },
  'One CloudFront distribution at the edge, with its WAF and viewer certificate.',
);

const LoadBalancer = Item(
  {
    type: Opt(Enum(['application', 'network', 'gateway'] as const, 'The load balancer type.')),
    scheme: Opt(Enum(['internet-facing', 'internal'] as const, 'Internet-facing or internal.')),
    minAvailabilityZones: Opt(Count('Distinct availability zones of the load balancer (each through a public subnet when internet-facing).', 1)),
  },
  'One Elastic Load Balancing v2 load balancer.',
);

const Logging = Type.Object(
  {
    driver: Opt(Text('Log driver, e.g. awslogs.')),
    group: Opt(Text('awslogs-group: the CloudWatch Logs group the container writes to (it must exist).')),
    region: Opt(Region('awslogs-region.')),
    streamPrefix: Opt(Text('awslogs-stream-prefix.')),
    retentionDays: Opt(
      Init(
        Enum(
          [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const,
          "The log group's retention in days (one of the values CloudWatch Logs accepts).",
        ),
        { via: 'logs-to', type: 'logs.log-group', prop: 'retentionInDays', combine: 'agreed' },
      ),
    ),
  },
  { ...Closed, description: "The container's log configuration." },
);

const Container = Type.Object(
  {
    name: Text("The container's name in the task definition."),
    imageRepository: Opt(Text("The image's repository without registry host or tag (shopflow/api).")),
    containerPort: Opt(Port('The port the container listens on (the target group forwards to it).')),
    protocol: Opt(Enum(['tcp', 'udp'] as const, "The port mapping's protocol.")),
    environment: Opt(
      Type.Record(Type.String({ minLength: 1 }), Type.String({ description: 'The required value.' }), {
        description:
          'Plain environment variables and their required values. These names are declared non-secret: the collector keeps their values, and only theirs (every other value is never read).',
      }),
    ),
    secrets: Opt(
      Type.Array(Type.String({ minLength: 1, description: 'A variable name.' }), {
        uniqueItems: true,
        description: 'Variables that must come from Secrets Manager or SSM (container secrets), never from plain environment.',
      }),
    ),
    logging: Opt(Logging),
    secretRotation: Opt(
      Type.Object(
        {
          // Stated only when every referenced secret rotates: "off" would need a period nothing has.
          enabled: Init(Type.Boolean({ description: 'Automatic rotation is on for every one of them (false: off for every one).' }), {
            via: 'uses-secret', type: 'secretsmanager.secret', prop: 'rotationEnabled', combine: 'all',
          }),
          maxDays: Init(Type.Integer({ minimum: 1, maximum: 1000, description: 'With rotation on: the most days between two rotations.' }), {
            via: 'uses-secret', type: 'secretsmanager.secret', prop: 'rotationDays', combine: 'max',
          }),
        },
        { ...Closed, description: 'How the Secrets Manager secrets the container references rotate.' },
      ),
    ),
  },
  { ...Closed, description: "The service's application container." },
);

const TaskDefinition = Type.Object(
  {
    family: Text("The task definition's family."),
    networkMode: Opt(Enum(['awsvpc', 'bridge', 'host', 'none'] as const, 'The network mode.')),
    requiresCompatibilities: Opt(
      Type.Array(Enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const, 'A launch type.'), {
        minItems: 1,
        uniqueItems: true,
        description: 'The launch types the task definition is compatible with.',
      }),
    ),
    cpu: Opt(Count('Task-level CPU units (1024 = 1 vCPU).', 128)),
    memory: Opt(Count('Task-level memory in MiB.', 128)),
    container: Opt(Container),
    acceptedPlaintextCredentials: Opt(
      Init(
        Type.Array(Type.String({ minLength: 1, description: 'An environment variable name.' }), {
          uniqueItems: true,
          description:
            "Names of plain environment variables, in any container of the task definition, whose credential-like value the team has knowingly accepted for now: a baseline (init writes the names it finds, never a value). ecs-container-no-plaintext-credentials fails on every other such variable. Absent: none is accepted. Remove a name once its variable comes from Secrets Manager.",
        }),
        // Every container's names, together: the sidecars' as well as the application container's.
        { via: 'in-task-definition', reverse: true, type: 'ecs.container', prop: 'credentialLikeEnvironmentNames', combine: 'union' },
      ),
    ),
    tracing: Opt(
      Type.Object(
        {
          xraySidecar: Opt(Bool('The task definition has an X-Ray daemon sidecar container.')),
          imagePattern: Opt(Regex("that the sidecar's image matches.")),
        },
        { ...Closed, description: 'Distributed tracing.' },
      ),
    ),
  },
  { ...Closed, description: "The task definition the service runs (its ACTIVE revisions are checked)." },
);

const Percent = (what: string) => Type.Number({ exclusiveMinimum: 0, maximum: 100, description: what });
const Scaling = Type.Object(
  {
    minTasks: Opt(Count("The scalable target's minimum capacity.")),
    maxTasks: Opt(Count("The scalable target's maximum capacity.", 1)),
    desiredTasks: Opt(Count('The baseline desired count (within minTasks..maxTasks).')),
    triggers: Opt(
      Type.Object(
        {
          cpuPercent: Opt(Percent('Scale out above this average CPU utilization.')),
          memoryPercent: Opt(Percent('Scale out above this average memory utilization.')),
          requestsPerMinute: Opt(Type.Number({ exclusiveMinimum: 0, description: 'Scale out above this many requests per target per minute (RequestCountPerTarget).' })),
        },
        { ...Closed, description: 'What makes the service scale out. A trigger left out is not checked.' },
      ),
    ),
    scaleOutBy: Opt(Count('Tasks a scale-out step adds.', 1)),
    scaleInBy: Opt(Type.Integer({ maximum: -1, description: 'Tasks a scale-in step removes, as a negative adjustment.' })),
    cooldownSeconds: Opt(Count('Cooldown of every scaling policy, in seconds.')),
  },
  { ...Closed, description: "The service's Application Auto Scaling." },
);

const Service = Item(
  {
    running: Opt(Bool('The service is ACTIVE with at least one desired and one running task.')),
    fargate: Opt(Bool('Runs on Fargate (launch type or capacity providers).')),
    assignPublicIp: Opt(Bool('Tasks get public IP addresses.')),
    minAvailabilityZones: Opt(Count("Distinct availability zones of the service's subnets.", 1)),
    availabilityZones: Opt(
      Init(
        AzList("The availability zones the service's tasks may run in: each of its subnets must be in one of them (`minAvailabilityZones` says how many it must span)."),
        // The zones its subnets are in today.
        { via: 'in-subnet', type: 'ec2.subnet', prop: 'availabilityZone', combine: 'set' },
      ),
    ),
    deploymentController: Opt(Enum(['ECS', 'CODE_DEPLOY', 'EXTERNAL'] as const, 'The deployment controller.')),
    loadBalancer: Opt(
      Type.Object(
        {
          targetType: Opt(Enum(['instance', 'ip', 'lambda', 'alb'] as const, "The target group's target type.")),
          targetPort: Opt(Port("The target group's port (the container port).")),
        },
        { ...Closed, description: 'The target group the service is registered with behind the load balancer.' },
      ),
    ),
    taskDefinition: Opt(TaskDefinition),
    scaling: Opt(Scaling),
  },
  'One ECS service (with `match`, usually `{"name": ...}`), its task definition and its scaling.',
);

const ReadReplicas = Type.Object(
  {
    count: Opt(Count('Read replicas of the writer.')),
    availabilityZones: Opt(AzList('The zones the replicas are spread over, one replica in each (empty when there are none).', 0)),
  },
  { ...Closed, description: "The writer's read replicas." },
);

const Database = Item(
  {
    kind: Opt(Enum(['rds-instance', 'aurora-cluster'] as const, 'An RDS DB instance with its replicas (default), or an Aurora cluster.')),
    engine: Opt(Text('The engine name, e.g. postgres or aurora-postgresql.')),
    instanceClass: Opt(Type.String({ pattern: '^db\\.[a-z0-9-]+\\.[a-z0-9]+$', description: "The writer's instance class, e.g. db.r6g.xlarge." })),
    storageType: Opt(Enum(['gp2', 'gp3', 'io1', 'io2', 'standard', 'aurora', 'aurora-iopt1'] as const, 'The storage type.')),
    allocatedStorageGb: Opt(Count('Allocated storage in GiB.', 1)),
    multiAz: Opt(Bool('The writer has a synchronous standby in another zone.')),
    primaryAvailabilityZone: Opt(Az("the writer's zone.")),
    standbyAvailabilityZone: Opt(Az("the standby's zone.")),
    readReplicas: Opt(ReadReplicas),
    backupRetentionDays: Opt(Type.Integer({ minimum: 0, maximum: 35, description: 'Minimum automated backup retention, in days.' })),
    storageEncrypted: Opt(Bool('Storage is encrypted at rest.')),
    encryptionKey: Opt(
      Type.Object(
        {
          manager: Opt(
            Init(Enum(['AWS', 'CUSTOMER'] as const, "KMS's KeyManager of the keys behind the data at rest: AWS (aws/<service>) or CUSTOMER."), {
              via: 'encrypted-by', type: 'kms.key', prop: 'keyManager', combine: 'agreed',
            }),
          ),
          rotation: Opt(
            Init(Bool('Automatic rotation of their key material is on (AWS managed keys always rotate).'), {
              via: 'encrypted-by', type: 'kms.key', prop: 'rotationEnabled', combine: 'agreed',
            }),
          ),
        },
        { ...Closed, description: 'The KMS keys behind the data at rest (the database\'s; the cache\'s and buckets\' when they name one).' },
      ),
    ),
    customParameterGroup: Opt(Bool('The writer uses a parameter group that is not a default.* one.')),
    publiclyAccessible: Opt(Bool('The database is publicly accessible.')),
  },
  'One relational database: an RDS instance (writer and read replicas) or an Aurora cluster.',
);

const Cache = Item(
  {
    engine: Opt(Enum(['redis', 'valkey', 'memcached'] as const, 'The cache engine.')),
    clusterMode: Opt(Bool('Cluster mode enabled.')),
    shards: Opt(Count('Node groups (shards).', 1)),
    replicasPerShard: Opt(Type.Integer({ minimum: 0, maximum: 5, description: 'Replicas in each shard.' })),
    nodeType: Opt(Type.String({ pattern: '^cache\\.[a-z0-9-]+\\.[a-z0-9]+$', description: 'The node type, e.g. cache.r6g.large.' })),
    automaticFailover: Opt(Bool('Automatic failover is enabled.')),
    multiAz: Opt(Bool('Multi-AZ is enabled.')),
  },
  'One ElastiCache replication group.',
);

const Queue = Item({}, 'One SQS queue (recognised by `match`, usually a name pattern); it must exist.');

const Bucket = Item(
  {
    crossRegionReplication: Opt(Bool('The bucket replicates to a bucket in another region.')),
    missingEncryptionKey: Opt(
      Init(
        Text(
          "The KMS key reference (as the bucket's default SSE-KMS encryption names it) known to name no key of the account and accepted as such: a baseline records the dangling reference here so it stays visible; remove it once the bucket names a key that exists. Absent: the bucket's key must exist.",
        ),
        // A key reference that finds no key is written down, not dropped: the spec file keeps the finding visible.
        { unresolved: 'encrypted-by' },
      ),
    ),
  },
  'One S3 bucket (recognised by `match`, usually a name pattern); it must exist in the item\'s region.',
);

const Zone = Item(
  { aliasToDistribution: Opt(Bool('The zone has an alias record pointing at a CloudFront distribution of the application.')) },
  'One public Route 53 hosted zone. The number of items is the number of public hosted zones the application has.',
);

const Objective = (what: string) =>
  Type.Object(
    {
      seconds: Count(`The ${what} in seconds.`),
      strategy: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'How the objective is met, e.g. multi-az-failover, point-in-time-recovery.' }),
    },
    { ...Closed, description: `The ${what}.` },
  );

const Dr = Type.Object(
  {
    rto: Opt(Objective('recovery time objective')),
    rpo: Opt(Objective("recovery point objective (a database's latest restorable time must be newer than this at audit time)")),
    backupFrequency: Opt(Enum(['hourly', 'daily', 'weekly'] as const, "How often the databases' and caches' automated backups or snapshots are taken.")),
    crossRegion: Opt(
      Type.Object(
        { mode: Opt(Enum(['none', 'passive', 'active'] as const, 'passive: data is copied to another region, nothing runs there; active: it runs in both.')) },
        { ...Closed, description: 'How the application survives the loss of its region.' },
      ),
    ),
    cite: Opt(Cite('`dr`')),
  },
  {
    ...Closed,
    description:
      'Disaster recovery: the objectives the application as a whole is held to. Per-component settings live with their items (a bucket\'s crossRegionReplication, a database\'s backupRetentionDays). Absent: the DR rules are skipped with reason "not in this architecture".',
  },
);


const Money = (what: string) => Type.Number({ minimum: 0, description: `${what}, in the cost section's currency.` });
const CostLine = (label: string, section: string) =>
  Type.Object(
    {
      monthly: Money(`What the document budgets a month for ${label}`),
      label: Opt(Text('The line as the document names it, e.g. "RDS PostgreSQL".')),
      configuration: Opt(Text('What the document says the line pays for, e.g. "db.r6g.xlarge + 2 replicas".')),
      covers: Opt(
        Type.Array(Type.String({ pattern: NAME, description: `An item name of \`${section}\`.` }), {
          minItems: 1,
          uniqueItems: true,
          description: `The items of \`${section}\` this line pays for (default: every one).`,
        }),
      ),
      usage: Opt(
        Type.Object(
          {
            storageGb: Opt(Type.Number({ minimum: 0, description: 'GB stored a month (S3), which the account does not tell without metrics.' })),
            dataTransferOutGb: Opt(Type.Number({ minimum: 0, description: 'GB sent to the internet a month (CloudFront, NAT gateway processing).' })),
          },
          { ...Closed, description: 'Usage the document assumes for this line: the estimate prices it as stated, since usage cannot be read from the configuration.' },
        ),
      ),
    },
    { ...Closed, description: `The document's line for ${label} (\`${section}\`).` },
  );

const Cost = Type.Object(
  {
    currency: Enum(['USD'] as const, 'The currency of every amount (the price table is in USD).'),
    lines: Type.Object(
      Object.fromEntries(CATEGORY_KEYS.map((key) => [key, Opt(CostLine(COST_CATEGORIES[key].label, COST_CATEGORIES[key].section))])),
      { ...Closed, minProperties: 1, description: "The document's cost table, a line per category. A category left out is not budgeted (the estimate still shows what it costs)." },
    ),
    total: Opt(Money("The document's total a month")),
  },
  {
    ...Closed,
    description:
      "The document's monthly cost table. `infra-audit cost` compares it with an on-demand estimate of the live resources, `check` reports the comparison as information (never a failure), and `spec lint` flags a line that pays for less than the spec's own topology.",
  },
);

export const SpecV2Schema = Type.Object(
  {
    $schema: Opt(Type.String({ description: 'Path or URL of this schema, for editors.' })),
    specVersion: Type.Literal(2, { description: 'The spec format: 2 (this one). A specVersion 1 spec is migrated when loaded (`infra-audit spec migrate` writes it out).' }),
    extends: Opt(
      Text(
        'A spec this one overlays (a path relative to this file): the base is read first, then this file applied to it as a JSON Merge Patch (RFC 7396): objects merge key by key, anything else replaces, null deletes. How environments (staging, development) differ from production.',
      ),
    ),
    application: Opt(Type.String({ pattern: NAME, description: "The audited application's name, as reports show it (required but in an overlay)." })),
    document: Opt(
      Text(
        "The architecture document the spec was taken from (reports cite it): a path relative to the file that sets it (specs/ledgerly.json -> ../docs/examples/ledgerly.md). Items' and dr's `cite` quote it; it is read only to find those quotes.",
      ),
    ),
    region: Opt(Region('the region the workload runs in; every item without its own `region` is there (required but in an overlay).')),
    scope: Opt(Type.Object(
      {
        tags: Opt(Tags('Tag key -> value every directly-owned resource carries.')),
        namePrefix: Opt(Text('A resource whose name starts with this belongs (unless tagged for another application).')),
      },
      {
        ...Closed,
        minProperties: 1,
        description:
          "How the application's resources are recognised: resources carrying all these tags, or whose name starts with namePrefix, belong; untagged resources join through their relationships. A resource carrying a scope tag key with another value belongs to another application and never joins. Items' `match` then tells the application's resources apart. Required but in an overlay.",
      },
    )),
    networks: Opt(Section(Network, 'The VPCs.')),
    edge: Opt(Section(Distribution, 'The CloudFront distributions in front of the application.')),
    loadBalancers: Opt(Section(LoadBalancer, 'The load balancers.')),
    services: Opt(Section(Service, 'The ECS services.')),
    databases: Opt(Section(Database, 'The relational databases (RDS, Aurora).')),
    caches: Opt(Section(Cache, 'The ElastiCache caches.')),
    queues: Opt(Section(Queue, 'The SQS queues.')),
    buckets: Opt(Section(Bucket, 'The S3 buckets.')),
    dns: Opt(Section(Zone, 'The public Route 53 hosted zones.')),
    dr: Opt(Dr),
    cost: Opt(Cost),
  },
  {
    ...Closed,
    // An overlay (with `extends`) holds only what differs; the merged result is what must be complete.
    // if/then, not anyOf: a spec that is no overlay and lacks `region` is told "region" is missing;
    // with anyOf the validator named either branch, often "extends", which that spec never needed.
    if: { not: { required: ['extends'] } },
    then: { required: ['application', 'region', 'scope'] },
    description:
      'An architecture turned into data: what the live account must look like, as named components of known kinds. Every section is optional: an architecture without a cache has no `caches`, and the cache rules skip with reason "not in this architecture". Within an item every value is optional too: a value left out is not checked (the rules that need it skip and say which value).',
  },
);

type SpecV2File = Static<typeof SpecV2Schema>;
/** A spec file as written: an overlay may leave out the header values its base has. */
export type SpecV2Overlay = SpecV2File;
/** A complete spec (a file without `extends`, or an overlay merged into its base). */
export type SpecV2 = SpecV2File & Required<Pick<SpecV2File, 'application' | 'region' | 'scope'>>;

/** The section names, in the order reports and docs list them. */
export const SPEC_V2_SECTIONS = ['networks', 'edge', 'loadBalancers', 'services', 'databases', 'caches', 'queues', 'buckets', 'dns'] as const;

const HEAD = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://infra-audit.dev/schemas/spec-v2.schema.json',
  title: 'infra-audit architecture spec (specVersion 2)',
};

/** schemas/spec-v2.schema.json. GENERATED from this module (npm run schemas). */
export function specV2SchemaText(): string {
  // init's annotations are not JSON Schema: strict validators would refuse them.
  const body = JSON.parse(JSON.stringify(SpecV2Schema), (key, value) => (key === INIT_KEYWORD ? undefined : value)) as Record<string, unknown>;
  body.description = `${String(body.description)} GENERATED from src/engine/spec-v2-schema.ts (npm run schemas): do not edit; docs/spec-v2.md explains it.`;
  return `${JSON.stringify({ ...HEAD, ...body }, null, 2)}\n`;
}

const TABLE_START = '<!-- top-level keys: generated from src/engine/spec-v2-schema.ts by npm run schemas; do not edit -->';
const TABLE_END = '<!-- end of generated top-level keys -->';
type Node = { description?: string; properties?: Record<string, Node>; patternProperties?: Record<string, Node>; items?: Node; required?: string[]; then?: { required?: string[] } };
const ITEM_COMMON = new Set(Object.keys(itemBase));
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** `a`, `b` (`c`, `d`): an object's keys, and one level of the keys inside each. */
function keyList(node: Node, depth: number): string {
  return Object.entries(node.properties ?? {})
    .filter(([k]) => depth > 0 || !ITEM_COMMON.has(k))
    .map(([k, sub]) => (sub.properties && depth < 2 ? `\`${k}\` (${keyList(sub, depth + 1)})` : `\`${k}\``))
    .join(', ');
}

/** The top-level key table of docs/spec-v2.md, from the schema's own descriptions. */
export function specV2KeyTable(): string {
  const schema = JSON.parse(JSON.stringify(SpecV2Schema)) as Node;
  // Required unless the spec is an overlay: the `then` of "if no extends".
  const overlayRequired = new Set(schema.then?.required ?? []);
  const rows = Object.entries(schema.properties ?? {}).map(([key, node]) => {
    const required = schema.required?.includes(key) ? 'yes' : overlayRequired.has(key) ? 'yes (but in an overlay)' : 'no';
    const item = node.patternProperties && Object.values(node.patternProperties)[0];
    const values = item && keyList(item, 0);
    const meaning = item ? `${item.description ?? ''}${values ? ` Values: ${values}.` : ''} Every item may have \`match\`, \`region\`, \`description\`, \`cite\`.` : (node.description ?? '');
    return `| \`${key}\` | ${required} | ${cell(meaning)} |`;
  });
  return [TABLE_START, '', '| key | required | meaning |', '|---|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** docs/spec-v2.md with its generated table replaced (the rest of the document is written by hand). */
export function specV2DocText(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/spec-v2.md has no generated table (${TABLE_START} ... ${TABLE_END})`);
  return doc.slice(0, start) + specV2KeyTable() + doc.slice(end + TABLE_END.length);
}
