// GENERATED from the `x-init` annotations of src/engine/spec-v2-schema.ts (npm run schemas): do not edit.
// Where `infra-audit init` reads each annotated key (applied by spec-init-derive.ts).
import type { InitObject, InitSource } from './spec-init-from.js';

export const INIT_SOURCES: readonly InitSource[] = [
  {"at":["edge","*","staticOrigin","bucketNamePattern"],"from":{"via":"origin","type":"s3.bucket","prop":"bucketName","combine":"agreed","as":"exactPattern"},"accepts":{"type":"string","minLength":1}},
  {"at":["edge","*","certificateExpiryWarningDays"],"from":{"via":"served-with","type":"acm.certificate","prop":"daysUntilExpiry","combine":"min","atMost":30},"accepts":{"type":"integer","minimum":0}},
  {"at":["services","*","availabilityZones"],"from":{"via":"in-subnet","type":"ec2.subnet","prop":"availabilityZone","combine":"set"},"accepts":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]+([a-z]|-[a-z]+-[0-9]+[a-z])$"}}},
  {"at":["services","*","taskDefinition","container","logging","retentionDays"],"from":{"via":"logs-to","type":"logs.log-group","prop":"retentionInDays","combine":"agreed"},"accepts":{"enum":[1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1096,1827,2192,2557,2922,3288,3653]}},
  {"at":["services","*","taskDefinition","container","secretRotation","enabled"],"from":{"via":"uses-secret","type":"secretsmanager.secret","prop":"rotationEnabled","combine":"all"},"accepts":{"type":"boolean"}},
  {"at":["services","*","taskDefinition","container","secretRotation","maxDays"],"from":{"via":"uses-secret","type":"secretsmanager.secret","prop":"rotationDays","combine":"max"},"accepts":{"type":"integer","minimum":1,"maximum":1000}},
  {"at":["services","*","taskDefinition","acceptedPlaintextCredentials"],"from":{"via":"in-task-definition","reverse":true,"type":"ecs.container","prop":"credentialLikeEnvironmentNames","combine":"union"},"accepts":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1}}},
  {"at":["databases","*","encryptionKey","manager"],"from":{"via":"encrypted-by","type":"kms.key","prop":"keyManager","combine":"agreed"},"accepts":{"enum":["AWS","CUSTOMER"]}},
  {"at":["databases","*","encryptionKey","rotation"],"from":{"via":"encrypted-by","type":"kms.key","prop":"rotationEnabled","combine":"agreed"},"accepts":{"type":"boolean"}},
  {"at":["buckets","*","missingEncryptionKey"],"from":{"unresolved":"encrypted-by"},"accepts":{"type":"string","minLength":1}},
];

export const INIT_OBJECTS: Readonly<Record<string, InitObject>> = {
  "edge/*/staticOrigin": {"keys":["kind","originAccessControl","bucketNamePattern"],"required":[]},
  "edge/*": {"keys":["match","region","description","cite","enabled","staticOrigin","dynamicOriginIsLoadBalancer","waf","viewerCertificateSource","certificateExpiryWarningDays","viewerProtocolPolicies","minimumProtocolVersions"],"required":[]},
  "services/*/taskDefinition/container/logging": {"keys":["driver","group","region","streamPrefix","retentionDays"],"required":[]},
  "services/*/taskDefinition/container/secretRotation": {"keys":["enabled","maxDays"],"required":["enabled","maxDays"]},
  "services/*/taskDefinition/container": {"keys":["name","imageRepository","containerPort","protocol","environment","secrets","logging","secretRotation"],"required":["name"]},
  "services/*/taskDefinition": {"keys":["family","networkMode","requiresCompatibilities","cpu","memory","container","acceptedPlaintextCredentials","tracing"],"required":["family"]},
  "services/*": {"keys":["match","region","description","cite","running","fargate","assignPublicIp","minAvailabilityZones","availabilityZones","deploymentController","loadBalancer","taskDefinition","scaling"],"required":[]},
  "databases/*/encryptionKey": {"keys":["manager","rotation"],"required":[]},
  "databases/*": {"keys":["match","region","description","cite","kind","engine","instanceClass","storageType","allocatedStorageGb","multiAz","primaryAvailabilityZone","standbyAvailabilityZone","readReplicas","backupRetentionDays","storageEncrypted","encryptionKey","customParameterGroup","publiclyAccessible"],"required":[]},
  "buckets/*": {"keys":["match","region","description","cite","crossRegionReplication","missingEncryptionKey"],"required":[]},
};
