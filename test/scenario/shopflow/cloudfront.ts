// CloudFront (global): ShopFlow's distribution (static assets from S3, /api/* to the ALB), behind WAF.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as CF from '@aws-sdk/client-cloudfront';
import { defineService, CREATED } from '../recording.js';

export interface CloudFrontAnswers {
  distributions: CF.DistributionSummary[];
  /** By distribution ARN. */
  tags: Record<string, CF.Tag[]>;
}

const answers: CloudFrontAnswers = {
  distributions: [
    {
      Id: 'E2QWRUHAPOMQZL',
      ARN: 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL',
      ETag: 'E56BF5BCF36864',
      Status: 'Deployed',
      LastModifiedTime: CREATED,
      DomainName: 'd2x7ymq1b9k4zp.cloudfront.net',
      Aliases: { Quantity: 2, Items: ['shopflow.example.com', 'www.shopflow.example.com'] },
      Origins: {
        Quantity: 2,
        Items: [
          {
            Id: 'shopflow-static-assets',
            DomainName: 'shopflow-static-assets-123456789012.s3.us-east-1.amazonaws.com',
            OriginPath: '',
            CustomHeaders: { Quantity: 0 },
            S3OriginConfig: { OriginAccessIdentity: '', OriginReadTimeout: 30 },
            ConnectionAttempts: 3,
            ConnectionTimeout: 10,
            OriginShield: { Enabled: false },
            OriginAccessControlId: 'E1S9LWKZRFXQ2H',
          },
          {
            Id: 'shopflow-alb',
            DomainName: 'shopflow-alb-1588470632.us-east-1.elb.amazonaws.com',
            OriginPath: '',
            CustomHeaders: { Quantity: 0 },
            CustomOriginConfig: {
              HTTPPort: 80,
              HTTPSPort: 443,
              OriginProtocolPolicy: 'https-only',
              OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
              OriginReadTimeout: 30,
              OriginKeepaliveTimeout: 5,
              IpAddressType: 'ipv4',
            },
            ConnectionAttempts: 3,
            ConnectionTimeout: 10,
            OriginShield: { Enabled: false },
            OriginAccessControlId: '',
          },
        ],
      },
      OriginGroups: { Quantity: 0 },
      DefaultCacheBehavior: {
        TargetOriginId: 'shopflow-alb',
        TrustedSigners: { Enabled: false, Quantity: 0 },
        TrustedKeyGroups: { Enabled: false, Quantity: 0 },
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: { Quantity: 7, Items: ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'], CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] } },
        SmoothStreaming: false,
        Compress: true,
        LambdaFunctionAssociations: { Quantity: 0 },
        FunctionAssociations: { Quantity: 0 },
        FieldLevelEncryptionId: '',
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        GrpcConfig: { Enabled: false },
      },
      CacheBehaviors: {
        Quantity: 2,
        Items: [
          {
            PathPattern: '/static/*',
            TargetOriginId: 'shopflow-static-assets',
            TrustedSigners: { Enabled: false, Quantity: 0 },
            TrustedKeyGroups: { Enabled: false, Quantity: 0 },
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: {
              Quantity: 7,
              Items: ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'],
              CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
            },
            SmoothStreaming: false,
            Compress: true,
            LambdaFunctionAssociations: { Quantity: 0 },
            FunctionAssociations: { Quantity: 0 },
            FieldLevelEncryptionId: '',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
            GrpcConfig: { Enabled: false },
          },
          {
            PathPattern: '/assets/*',
            TargetOriginId: 'shopflow-static-assets',
            TrustedSigners: { Enabled: false, Quantity: 0 },
            TrustedKeyGroups: { Enabled: false, Quantity: 0 },
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: {
              Quantity: 7,
              Items: ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'],
              CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
            },
            SmoothStreaming: false,
            Compress: true,
            LambdaFunctionAssociations: { Quantity: 0 },
            FunctionAssociations: { Quantity: 0 },
            FieldLevelEncryptionId: '',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
            GrpcConfig: { Enabled: false },
          },
        ],
      },
      CustomErrorResponses: { Quantity: 0 },
      Comment: 'ShopFlow storefront',
      PriceClass: 'PriceClass_100',
      Enabled: true,
      ViewerCertificate: {
        CloudFrontDefaultCertificate: false,
        ACMCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/8b1d6a4e-3c2f-4e5a-9b7d-1f0e2c3a4b5d',
        Certificate: 'arn:aws:acm:us-east-1:123456789012:certificate/8b1d6a4e-3c2f-4e5a-9b7d-1f0e2c3a4b5d',
        CertificateSource: 'acm',
        SSLSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      },
      Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
      WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shopflow-edge/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      HttpVersion: 'http2and3',
      IsIPV6Enabled: true,
      Staging: false,
    },
  ],
  tags: { 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL': [{ Key: 'app', Value: 'shopflow' }] },
};

export const cloudfront = defineService({
  name: 'cloudfront', global: true,
  empty: { distributions: [], tags: {} },
  record(a, r) {
    r.paged('CloudFront:ListDistributions', { MaxItems: 100 }, a.distributions, 'Marker', (Items, NextMarker) => ({
      DistributionList: { Marker: '', ...(NextMarker && { NextMarker }), MaxItems: 100, IsTruncated: NextMarker !== undefined, Quantity: Items.length, Items },
    }));
    for (const d of a.distributions) r.record('CloudFront:ListTagsForResource', { input: { Resource: d.ARN }, output: { Tags: { Items: a.tags[d.ARN!] ?? [] } } });
  },
  answers,
});
