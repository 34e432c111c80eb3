// The module layering of jig (see ARCHITECTURE.md), enforced by test/architecture.test.ts.
// Each module may import only the modules listed for it; anything else is a layering violation.
const allowed = {
  core: [],
  geo: ['core'],
  ledger: ['core'],
  policy: ['core', 'geo'],
  rules: ['core', 'geo', 'ledger', 'policy'],
  store: ['core', 'geo', 'ledger', 'policy', 'rules'],
  service: ['core', 'geo', 'ledger', 'policy', 'rules', 'store'],
  ingest: ['core', 'geo', 'ledger', 'policy', 'rules', 'store', 'service'],
  server: ['core', 'geo', 'ledger', 'policy', 'rules', 'store', 'service', 'ingest'],
  cli: ['core', 'geo', 'ledger', 'policy', 'rules', 'store', 'service', 'ingest', 'server'],
  web: ['core', 'geo', 'policy'],
};
const modules = Object.keys(allowed);

const layering = modules.map((mod) => ({
  name: `layering-${mod}`,
  comment:
    `src/${mod} may import only ${allowed[mod].length ? allowed[mod].map((m) => 'src/' + m).join(', ') : 'itself'}. ` +
    'Dependencies point one way: core -> geo, ledger, policy -> rules -> store -> service -> ingest -> server -> cli.',
  severity: 'error',
  from: { path: `^src/${mod}/` },
  to: { path: `^src/(?!(${[mod, ...allowed[mod]].join('|')})/)[^/]+/` },
}));

// Pure modules do no I/O: no files, sockets, processes or databases. Clocks and randomness are
// passed in. (node:crypto stays allowed for hashing and signatures.)
const ioModules =
  '^(node:)?(fs|fs/promises|net|dgram|http|https|http2|child_process|worker_threads|cluster|tls)$';
const pure = ['core', 'geo', 'ledger', 'policy', 'rules'];
const noIo = {
  name: 'pure-modules-do-no-io',
  comment: `src/{${pure.join(',')}} are pure: no file, network, process or database access; adapters live in store, server, ingest and cli.`,
  severity: 'error',
  from: { path: `^src/(${pure.join('|')})/` },
  to: {
    dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
    path: [ioModules, '^(node_modules/)?(better-sqlite3|pg|fastify|ws|@fastify)'].join('|'),
  },
};

module.exports = {
  forbidden: [
    ...layering,
    noIo,
    {
      name: 'no-circular',
      comment: 'Circular imports hide the direction of dependencies.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: `${__dirname}/tsconfig.json` },
    exclude: { path: '^src/web/static/' },
  },
};
