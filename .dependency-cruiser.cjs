// The module rules `npm test` enforces (npm run depcheck). test/dependency-rules.test.ts shows each can fail.
const COMMANDS = '^src/cli/(check|cost|diagram|diff|init|rules|spec|spec-lint|spec-migrate|spec-check-doc|scan-run)\\.[jt]s$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import circle: layers must point one way.', from: {}, to: { circular: true } },
    { name: 'no-src-to-test', severity: 'error', comment: 'Shipped code never imports tests.', from: { path: '^src/' }, to: { path: '^test/' } },
    {
      name: 'commands-are-leaves', severity: 'error', comment: 'A command never imports another command; shared work lives outside the command modules.',
      from: { path: COMMANDS }, to: { path: COMMANDS, pathNot: '$1' },
    },
    {
      name: 'commands-load-lazily', severity: 'error', comment: 'The command list imports a command module only when it is chosen (dynamic import), so --help loads no engine.',
      from: { path: '^src/cli/(main|commands)\\.[jt]s$' }, to: { path: COMMANDS, dynamic: false, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'declarations-only-at-build', severity: 'error',
      comment: 'TypeBox takes ~150 ms to load: the running tool reads the generated catalog; declarations, TypeBox, the rule and spec schemas (and spec-init-sources.ts, which reads the latter) are for generators, tests and types.',
      from: { path: '^src/', pathNot: ['^src/resources/', '^src/engine/((rule|spec-v2)-schema|spec-init-sources)\\.[jt]s$'] },
      to: { path: ['@sinclair/typebox', '^src/resources/(?!(catalog|reads)\\.generated\\.)', '^src/engine/((rule|spec-v2)-schema|spec-init-sources)\\.[jt]s$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'text-is-a-leaf', severity: 'error', comment: 'src/text/ (the one comparator and Markdown escaper) is used everywhere, so it imports nothing of the project.',
      from: { path: '^src/text/' }, to: { path: '^src/', pathNot: '^src/text/' },
    },
    {
      name: 'sdk-only-in-collect', severity: 'error', comment: 'Only the collectors and the multi-account runner (loaded by scan and collect) load the AWS SDK.',
      from: { path: '^src/', pathNot: '^src/(collect|accounts)/' }, to: { path: '@aws-sdk/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
