import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries (docs/architecture: layers and the module contract). One `no-restricted-imports`
// setting applies per file (a later config replaces an earlier one), so each file kind gets the whole
// list of what it may not import, composed here.
const modules = fs
  .readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const anyModule = modules.join('|');

/** The composition root: it knows every module, so nothing below it may import it. */
const root = 'app|services|seed|cli|main';

const noModules = {
  regex: `^(\\.\\./)+(modules(/.*)?|${root})$`,
  message: 'The platform knows no domain: take what it needs as an argument or in Deps (see docs/decisions/0012).',
};
const onlyModuleIndex = {
  regex: `^(\\.\\./)+modules/(${anyModule})/.+$`,
  message: 'Import a module through its index (its public surface), never its files.',
};
const noUpward = {
  regex: `^(\\.\\./)+(platform|modules|config|${root})(/.*)?$`,
  message: 'src/db imports nothing above it: the composition root passes in what it needs.',
};
/** From a file of module `own`, any path into another module's folder other than its index. */
const otherModuleInternals = (own) => ({
  regex: `^(\\.\\./)+(${modules.filter((m) => m !== own).join('|')})/.+$`,
  message: "Import another module through its index ('../<module>'), never its files.",
});
const serviceLayer = [
  // hono/html and hono/jsx only build markup (email templates); the rest of hono is HTTP.
  { regex: '^(hono|hono/(?!html$|jsx(/.*)?$).*|@hono/.*)$', message: 'Services never know HTTP: routes call them.' },
  {
    regex: '^\\.\\.?/(\\.\\./)*(pages|views|api)([-./].*)?$',
    message: 'Services never import pages, views or API routes (email templates live in emails/).',
  },
];
const viewLayer = [
  { regex: '(^|/)db/client$', message: 'Views are functions of their props: they never query.' },
  {
    regex: '^\\.\\.?/(\\.\\./)*service(/.*)?$',
    // Types are erased: a view may name the shapes services return.
    allowTypeImports: true,
    message: 'Views never call services: the route does and passes the result (pure helpers live in lib/).',
  },
];
/** Pure functions and constants shared by a module's services and views: no database, no HTTP. */
const libLayer = [
  viewLayer[0],
  { regex: '^(hono|hono/.*|@hono/.*)$', message: 'lib/ holds pure functions: no HTTP.' },
  {
    regex: '^\\.\\.?/(\\.\\./)*(service|pages|views|api)([-./].*)?$',
    message: 'lib/ holds pure functions that services and views share: it imports neither.',
  },
];
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const boundaries = [
  { files: ['src/platform/**'], ignores: testFiles, rules: restrict([noModules]) },
  // Platform tests run the platform inside the real app, so they may use modules, through their index.
  { files: testFiles.map((t) => `src/platform/${t}`), rules: restrict([onlyModuleIndex]) },
  { files: ['src/db/**'], ignores: testFiles, rules: restrict([noUpward]) },
  { files: testFiles.map((t) => `src/db/${t}`), rules: restrict([onlyModuleIndex]) },
  ...modules.flatMap((m) => [
    { files: [`src/modules/${m}/**`], rules: restrict([otherModuleInternals(m)]) },
    {
      files: [`src/modules/${m}/service.ts`, `src/modules/${m}/service/**`],
      ignores: testFiles,
      rules: restrict([otherModuleInternals(m), ...serviceLayer]),
    },
    {
      files: [`src/modules/${m}/views/**`],
      ignores: testFiles,
      rules: restrict([otherModuleInternals(m), ...viewLayer]),
    },
    { files: [`src/modules/${m}/lib/**`], ignores: testFiles, rules: restrict([otherModuleInternals(m), ...libLayer]) },
    // Email templates are rendered by services from data they are given: they never query.
    { files: [`src/modules/${m}/emails/**`], ignores: testFiles, rules: restrict([otherModuleInternals(m), viewLayer[0]]) },
  ]),
  // Tests and benchmarks outside src/ use modules as other modules do, plus their test support (testing/).
  {
    files: ['test/**', 'bench/**'],
    rules: restrict([
      {
        regex: `^(\\.\\./)+src/modules/(${anyModule})/(?!testing/).+$`,
        message: "Import a module through its index ('src/modules/<module>'); only its testing/ folder is open to tests.",
      },
    ]),
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'data/', 'bench/results/', '**/migrations/meta/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        document: 'readonly',
        window: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...boundaries,
);
