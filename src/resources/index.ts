// Every service infra-audit knows. The list is generated (services.generated.ts, by npm run schemas)
// from the src/resources/<service>.ts files that export a defineService(...): adding a service is its
// declaration and its collector (src/collect/<service>.ts); everything else is derived (npm run schemas
// regenerates the list, the snapshot schema and the runtime catalog).
// Loaded at build time and by tests: the running tool reads the generated catalog, which needs no
// TypeBox (catalog.generated.ts).
export { SERVICES } from './services.generated.js';
