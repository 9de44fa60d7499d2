// The layer rules of ../shared/ARCHITECTURE.md, as dependency-cruiser
// `forbidden` rules. Paths are relative to the repository root. An npm
// package is told from a local folder of the same name (`electron` the
// package, `electron/` our folder) by its dependency type, never by name.

const notLocal = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'unknown', 'undetermined'];
/** A package by name, resolved (in node_modules, which may be a symlink elsewhere) or not (a scratch tree). */
const packagePath = (names) => `(^|/)node_modules/(${names})/|^(${names})(/|$)`;
const electronPackage = { path: packagePath('electron'), dependencyTypes: notLocal };
const tests = '\\.test\\.tsx?$';

export const layerRules = [
  {
    name: 'shared-no-node',
    comment: 'shared/ is pure TypeScript: no Node built-in of any kind, with or without node:',
    from: { path: '^shared/' },
    to: { dependencyTypes: ['core'] },
  },
  {
    name: 'shared-no-electron',
    comment: 'shared/ is pure TypeScript: no Electron',
    from: { path: '^shared/' },
    to: electronPackage,
  },
  {
    name: 'shared-self-contained',
    comment: 'shared/ imports nothing from the other folders',
    from: { path: '^shared/' },
    to: { path: '^(electron|renderer|e2e|scripts)/', dependencyTypes: ['local'] },
  },
  {
    name: 'engine-no-electron',
    comment: 'the engine is pure Node and never imports electron',
    from: { path: '^electron/engine/' },
    to: electronPackage,
  },
  {
    name: 'engine-no-shell',
    comment: 'the engine never imports the shell, the hosts, the lab or the renderer: what it needs arrives as interfaces',
    from: { path: '^electron/engine/' },
    to: { path: '^(electron/(main|preload|host|hostShared|lab)|renderer)/' },
  },
  {
    name: 'provider-not-another-provider',
    comment: "a provider keeps its platform's quirks in its folder and never imports another provider",
    from: { path: '^electron/engine/providers/([^/]+)/' },
    to: { path: '^electron/engine/providers/[^/]+/', pathNot: '^electron/engine/providers/$1/' },
  },
  {
    name: 'engine-asks-the-registry',
    comment: 'outside providers/, the engine reaches platforms through the registry (providers/registry.ts), never a provider folder',
    from: { path: '^electron/engine/', pathNot: ['^electron/engine/providers/', tests] },
    to: { path: '^electron/engine/providers/[^/]+/' },
  },
  {
    name: 'lab-no-engine',
    comment: 'a simulator written from the engine agrees with it by construction and proves nothing',
    from: { path: '^electron/lab/' },
    to: { path: '^(electron/(engine|main|preload|host|hostShared)|renderer)/' },
  },
  {
    name: 'lab-no-electron',
    comment: 'the lab runs in any Node process (CLI, web host, tests)',
    from: { path: '^electron/lab/' },
    to: electronPackage,
  },
  {
    name: 'preload-only-contract',
    comment: 'the preload exposes the contract and nothing else: of our files, shared/contract with its errors and replies',
    from: { path: '^electron/preload/', pathNot: tests },
    to: { dependencyTypes: ['local'], pathNot: ['^electron/preload/', '^shared/contract/', '^shared/(errors|reply)\\.ts$'] },
  },
  {
    name: 'preload-only-electron',
    comment: 'a sandboxed preload may require electron and nothing else: no Node built-ins, no other package',
    from: { path: '^electron/preload/', pathNot: tests },
    to: { dependencyTypes: ['core', ...notLocal], pathNot: packagePath('electron') },
  },
  {
    name: 'main-not-the-other-host',
    comment: 'electron/main and electron/host are two hosts side by side: what both need lives in electron/hostShared',
    from: { path: '^electron/main/' },
    to: { path: '^(electron/(host|lab|preload)|renderer)/' },
  },
  {
    name: 'host-not-the-other-host',
    comment: 'electron/host and electron/main are two hosts side by side: what both need lives in electron/hostShared',
    from: { path: '^electron/host/' },
    to: { path: '^(electron/(main|preload)|renderer)/' },
  },
  {
    name: 'host-no-electron',
    comment: 'the web host and the CLI run without Electron',
    from: { path: '^electron/(host|hostShared)/' },
    to: electronPackage,
  },
  {
    name: 'host-shared-serves-both',
    comment: 'electron/hostShared is used by both hosts and imports neither',
    from: { path: '^electron/hostShared/' },
    to: { path: '^(electron/(main|host|preload)|renderer)/' },
  },
  {
    name: 'renderer-only-shared',
    comment: 'the renderer imports only shared/ and its own files; it reaches the engine through window.rackpilot',
    from: { path: '^renderer/' },
    to: { path: '^(electron|e2e|scripts)/', dependencyTypes: ['local'] },
  },
  {
    name: 'page-no-node-packages',
    comment: 'the renderer and the web bridge run in a page: no Electron, no Node-only packages',
    from: { path: '^(renderer/src/|electron/host/bridge/)', pathNot: '(^|/)vite\\.config\\.ts$' },
    to: { path: packagePath('electron|ws|better-sqlite3|ssh2|exceljs|axios'), dependencyTypes: notLocal },
  },
  {
    name: 'page-no-core',
    comment: 'the renderer and the web bridge run in a page: no Node built-ins',
    from: { path: '^(renderer/src/|electron/host/bridge/)', pathNot: '(^|/)vite\\.config\\.ts$' },
    to: { dependencyTypes: ['core'] },
  },
  {
    name: 'bridge-only-shared',
    comment: 'the web bridge is the page side of the web host: it imports shared/ and itself',
    from: { path: '^electron/host/bridge/', pathNot: '(^|/)vite\\.config\\.ts$' },
    to: { path: '^(electron/(?!host/bridge/)|renderer/)', dependencyTypes: ['local'] },
  },
].map((rule) => ({ severity: 'error', ...rule }));
