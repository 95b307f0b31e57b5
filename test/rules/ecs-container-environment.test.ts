// ecs-container-environment per service: each service item's declared variables against that
// service's own container. The collector keeps the values of every name any item declares, so one
// container can carry a value another service declares: it is not this service's to judge, nor to print.
import { expect } from 'vitest';
import type { RuleResult } from '../../src/engine/types.js';
import { testRule, like, c, type Net, withProps } from './rule-tester.js';

const API_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'warn' };
const WORKER_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'debug', QUEUE_MODE: 'consume' };
/** API and worker, each declaring its own container's variables. */
const spec = () => structuredClone({
  '/services/api/taskDefinition/container/environment': API_ENV,
  '/services/worker/taskDefinition': { family: 'shopflow-worker', container: { name: 'worker', environment: WORKER_ENV } },
});
const names = (env: object) => Object.keys(env);

function twoServices(api: Record<string, string>, worker: Record<string, string>): Net {
  return {
    nodes: [
      like('ecs.service', 'shopflow-api'),
      like('ecs.task-definition', 'shopflow-api:7', { family: 'shopflow-api' }, { tags: {} }),
      like('ecs.container', 'api', { environmentNames: names(api), environmentValues: api }, { tags: {} }),
      like('ecs.service', 'shopflow-worker'),
      like('ecs.task-definition', 'shopflow-worker:3', { family: 'shopflow-worker' }, { tags: {} }),
      like('ecs.container', 'worker', { name: 'worker', environmentNames: names(worker), environmentValues: worker }, { tags: {} }),
    ],
    edges: [
      ['shopflow-api', 'runs', 'shopflow-api:7'],
      ['api', 'in-task-definition', 'shopflow-api:7'],
      ['shopflow-worker', 'runs', 'shopflow-worker:3'],
      ['worker', 'in-task-definition', 'shopflow-worker:3'],
    ],
  };
}

const byItem = (rs: RuleResult[]) => Object.fromEntries(rs.map((r) => [r.item!.name, r]));
// The API container also sets QUEUE_MODE (undeclared for it; kept because the worker declares it).
const apiOwn = { ...API_ENV, QUEUE_MODE: 'off' };

testRule('ecs-container-environment', {
  valid: [
    c("each container matches its own service's variables (the API's would fail the worker's)", twoServices(apiOwn, WORKER_ENV), {
      spec: spec(),
      check: (rs) => {
        const { api, worker } = byItem(rs);
        expect([api!.status, worker!.status]).toEqual(['pass', 'pass']);
        expect(api!.resource.name).toBe('api');
        expect(worker!.resource.name).toBe('worker');
      },
    }),
    c('a service item that declares no variable holds its container to none', twoServices(apiOwn, WORKER_ENV), {
      spec: { ...spec(), '/services/worker/taskDefinition/container/environment': {} },
    }),
  ],
  invalid: [
    c("the containers swapped: each has the other service's variables, both fail", twoServices(WORKER_ENV, apiOwn), {
      spec: spec(),
      check: (rs) => {
        const { api, worker } = byItem(rs);
        expect(api).toMatchObject({ status: 'fail', resource: { name: 'api' }, expected: API_ENV, actual: { NODE_ENV: 'production', LOG_LEVEL: 'debug' }, specPointer: '/services/api/taskDefinition/container/environment' });
        expect(worker).toMatchObject({ status: 'fail', resource: { name: 'worker' }, expected: WORKER_ENV, actual: { NODE_ENV: 'production', LOG_LEVEL: 'warn', QUEUE_MODE: 'off' } });
        expect(api!.message).toBe('api: the plain environment values service api declares are NODE_ENV=production and LOG_LEVEL=debug, the architecture requires NODE_ENV=production and LOG_LEVEL=warn');
        // The worker's QUEUE_MODE, kept in the API container's map, is not the API's to print.
        expect(JSON.stringify(api)).not.toMatch(/QUEUE_MODE|consume/);
      },
    }),
    c('only the worker is wrong: the API still passes', withProps(twoServices(apiOwn, WORKER_ENV), 'worker', { environmentValues: { ...WORKER_ENV, QUEUE_MODE: 'produce' } }), {
      spec: spec(),
      check: (rs) => {
        const { api, worker } = byItem(rs);
        expect(api!.status).toBe('pass');
        expect(worker).toMatchObject({ status: 'fail', actual: { QUEUE_MODE: 'produce' } });
        expect(worker!.message).toContain('QUEUE_MODE=produce');
      },
    }),
    c('a declared variable whose value the collector dropped (credential-like) is not set, never a pass', withProps(twoServices(apiOwn, WORKER_ENV), 'api', { environmentValues: { NODE_ENV: 'production' }, credentialLikeEnvironmentNames: ['LOG_LEVEL'] }), {
      spec: spec(),
      check: (rs) => expect(byItem(rs).api).toMatchObject({ status: 'fail', actual: { NODE_ENV: 'production', LOG_LEVEL: null } }),
    }),
    c("the worker's container belongs to another family: the worker item finds no container", withProps(twoServices(apiOwn, WORKER_ENV), 'shopflow-worker:3', { family: 'shopflow-worker-v2' }), {
      spec: spec(),
      check: (rs) => expect(byItem(rs).worker).toMatchObject({ status: 'fail', path: '(resources)', actual: 0 }),
    }),
  ],
  skip: [
    c('a service item that declares no environment skips, naming the value; the other is still judged', twoServices(apiOwn, WORKER_ENV), {
      spec: { ...spec(), '/services/worker/taskDefinition/container/environment': undefined },
      check: (rs) => {
        const { api, worker } = byItem(rs);
        expect(api!.status).toBe('pass');
        expect(worker).toMatchObject({ status: 'skip', reason: 'not required by the spec: services worker sets no /taskDefinition/container/environment' });
      },
    }),
  ],
  error: [c('the task definitions could not be read', twoServices(apiOwn, WORKER_ENV), { spec: spec(), gaps: [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }] })],
});
