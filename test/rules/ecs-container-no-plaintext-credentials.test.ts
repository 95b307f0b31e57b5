// ecs-container-no-plaintext-credentials per service: every container of the task definition an item's
// ECS service runs (found over edges, recognised by the item's match) is held to the names that item
// accepts (taskDefinition.acceptedPlaintextCredentials; none by default). One service's baseline never
// excuses another's container, and only the names outside the baseline are shown; values never are.
import { expect } from 'vitest';
import type { RuleResult } from '../../src/engine/types.js';
import { testRule, like, c, type Net, withProps } from './rule-tester.js';

const ACCEPTED = '/services/api/taskDefinition/acceptedPlaintextCredentials';

/** API (with an X-Ray sidecar) and worker, as ShopFlow's spec recognises them (by name, by pattern). */
function twoServices(api: string[], worker: string[], sidecar: string[] = []): Net {
  return {
    nodes: [
      like('ecs.service', 'shopflow-api'),
      like('ecs.task-definition', 'shopflow-api:7', { family: 'shopflow-api' }, { tags: {} }),
      like('ecs.container', 'api', { credentialLikeEnvironmentNames: api }, { tags: {} }),
      like('ecs.container', 'xray-daemon', { name: 'xray-daemon', credentialLikeEnvironmentNames: sidecar }, { tags: {} }),
      like('ecs.service', 'shopflow-worker'),
      like('ecs.task-definition', 'shopflow-worker:3', { family: 'shopflow-worker' }, { tags: {} }),
      like('ecs.container', 'worker', { name: 'worker', credentialLikeEnvironmentNames: worker }, { tags: {} }),
    ],
    edges: [
      ['shopflow-api', 'runs', 'shopflow-api:7'],
      ['api', 'in-task-definition', 'shopflow-api:7'],
      ['xray-daemon', 'in-task-definition', 'shopflow-api:7'],
      ['shopflow-worker', 'runs', 'shopflow-worker:3'],
      ['worker', 'in-task-definition', 'shopflow-worker:3'],
    ],
  };
}

/** Each container's result, by container name, with the item it was judged for. */
const byContainer = (rs: RuleResult[]) => Object.fromEntries(rs.filter((r) => r.subject.kind === 'resource').map((r) => [r.resource.name, r]));

testRule('ecs-container-no-plaintext-credentials', {
  valid: [
    c('no container holds a credential-like value; each is judged for its own service', twoServices([], []), {
      check: (rs) => {
        const got = byContainer(rs);
        expect(Object.keys(got).sort()).toEqual(['api', 'worker', 'xray-daemon']);
        expect([got.api!.item?.name, got['xray-daemon']!.item?.name, got.worker!.item?.name]).toEqual(['api', 'api', 'worker']);
      },
    }),
    c("the API's baseline accepts its DATABASE_URL (and names one it no longer has)", twoServices(['DATABASE_URL'], []), { spec: { [ACCEPTED]: ['DATABASE_URL', 'OLD_TOKEN'] } }),
    c("the API's baseline covers its sidecar too (any container of the task definition)", twoServices([], [], ['XRAY_KEY']), { spec: { [ACCEPTED]: ['XRAY_KEY'] } }),
  ],
  invalid: [
    c('no baseline: a credential-like name fails, shown by name', twoServices(['DATABASE_URL', 'STRIPE_KEY'], []), {
      check: (rs) => {
        const { api } = byContainer(rs);
        expect(api).toMatchObject({ status: 'fail', op: 'subsetOf', expected: [], actual: ['DATABASE_URL', 'STRIPE_KEY'], specPointer: ACCEPTED });
        expect(api!.message).toBe('api: environment variables DATABASE_URL and STRIPE_KEY hold credential-like values in plain text (values are never shown); move them to Secrets Manager');
      },
    }),
    c('a baseline accepts some: only the others are shown', twoServices(['DATABASE_URL', 'STRIPE_KEY'], []), {
      spec: { [ACCEPTED]: ['DATABASE_URL'] },
      check: (rs) => {
        const { api } = byContainer(rs);
        expect(api).toMatchObject({ status: 'fail', expected: ['DATABASE_URL'], actual: ['STRIPE_KEY'] });
        expect(api!.message).toContain('environment variables STRIPE_KEY hold');
      },
    }),
    c("the API's baseline never excuses the worker's container", twoServices(['DATABASE_URL'], ['DATABASE_URL']), {
      spec: { [ACCEPTED]: ['DATABASE_URL'] },
      check: (rs) => {
        const got = byContainer(rs);
        expect(got.api!.status).toBe('pass');
        expect(got.worker).toMatchObject({ status: 'fail', item: { name: 'worker' }, actual: ['DATABASE_URL'] });
      },
    }),
    c('names are compared exactly: a baseline name of another case does not accept', twoServices(['database_url'], []), { spec: { [ACCEPTED]: ['DATABASE_URL'] } }),
    c('a container whose credential-like names are unknown fails, never passes', withProps(twoServices([], []), 'api', { credentialLikeEnvironmentNames: undefined as never }), {
      spec: { [ACCEPTED]: ['DATABASE_URL'] },
      check: (rs) => expect(byContainer(rs).api).toMatchObject({ status: 'fail' }),
    }),
  ],
  skip: [
    c('a spec without services: not in this architecture', twoServices(['DATABASE_URL'], []), {
      spec: { '/services': undefined },
      check: (rs) => expect(rs).toMatchObject([{ status: 'skip', reason: 'not in this architecture' }]),
    }),
  ],
  error: [c('the task definitions could not be read', twoServices([], []), { gaps: [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }] })],
});

// The containers no item describes (a service deployed since the spec was written) are held to no
// accepted name at all: leaving a service out of the spec never switches its credential check off.
testRule('ecs-container-no-plaintext-credentials-unlisted', {
  valid: [
    c('every container belongs to a listed service: nothing is left for this rule', twoServices(['DATABASE_URL'], []), {
      spec: { [ACCEPTED]: ['DATABASE_URL'] },
      check: (rs) => expect(rs.filter((r) => r.subject.kind === 'resource')).toEqual([]),
    }),
    c("an unlisted service's containers hold no credential-like value", twoServices([], []), { spec: { '/services/worker': undefined } }),
  ],
  invalid: [
    c("the worker left out of the spec: its credential fails here, and the API's baseline does not excuse it", twoServices(['DATABASE_URL'], ['DATABASE_URL']), {
      spec: { '/services/worker': undefined, [ACCEPTED]: ['DATABASE_URL'] },
      check: (rs) => {
        const got = byContainer(rs);
        expect(Object.keys(got)).toEqual(['worker']);
        expect(got.worker).toMatchObject({ status: 'fail', actual: ['DATABASE_URL'] });
        expect(got.worker!.message).toContain('no service of the architecture accepts them');
      },
    }),
    c('a spec without services: every container is held to none', twoServices(['STRIPE_KEY'], []), {
      spec: { '/services': undefined },
      check: (rs) => expect(byContainer(rs).api).toMatchObject({ status: 'fail', actual: ['STRIPE_KEY'] }),
    }),
    c('unknown credential-like names fail, never pass', withProps(twoServices([], []), 'worker', { credentialLikeEnvironmentNames: undefined as never }), {
      spec: { '/services/worker': undefined },
      check: (rs) => expect(byContainer(rs).worker).toMatchObject({ status: 'fail' }),
    }),
  ],
  error: [c('the task definitions could not be read', twoServices([], []), { gaps: [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }] })],
});
