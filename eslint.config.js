import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

// The floors of the house (docs/ARCHITECTURE.md, Invariants). Imports are relative, so each rule
// matches what a path from inside its folder must contain to reach the forbidden one.
// A file gets one set of restrictions (flat config replaces a rule's options, it does not merge
// them), so each area below lists every floor that applies to it.
const serverRuntime = {
  regex: '(^|/)server/(?!domain/)',
  allowTypeImports: true,
  message: 'The client may import server code only with `import type`; runtime code it shares with the server lives in server/domain/.',
};
const SEEDER = 'The seeder is not production code: only the first start (server/startup.ts) and the seed CLI use it.';
const demoCity = [
  { regex: '(^|/)data/generator(/|$)', message: 'The demo generator is not production code: only the first start (server/startup.ts) and the seed CLI use it.' },
  { regex: '(^|/)db/seed(\\.[jt]s)?$', message: SEEDER },
];
// Beside the seeder, in server/db/, the same module is just `./seed`.
const seederNextDoor = { regex: '^\\./seed(\\.[jt]s)?$', message: SEEDER };
const aboveAnalysis = {
  regex: '^(\\.\\./)+(features|db|http)(/|$)|(^|/)server/(features|db|http)(/|$)',
  message: 'server/analysis/ is pure: it imports nothing from server/features, server/db or server/http.',
};
const aboveDomain = [
  {
    regex: '^(\\.\\./)+(features|db|http|analysis)(/|$)|(^|/)server/(features|db|http|analysis)(/|$)',
    message: 'server/domain/ is types and pure functions shared with the client: it imports nothing from features, db, http or analysis.',
  },
  { regex: '(^|/)data(/|$)', message: 'server/domain/ imports nothing from data/: the generator imports the domain, not the other way round.' },
  { regex: '^node:', message: 'server/domain/ runs in the browser too: no node built-ins.' },
];
const nodeBuiltins = builtinModules.map((name) => ({ name, message: 'server/domain/ runs in the browser too: no node built-ins.' }));
const floors = (patterns, paths = []) => ({ '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] });

// The only production files that may load the demo city: the first start seeds an empty region,
// and `npm run seed` (re)loads one on purpose.
const SEEDS_THE_DEMO_CITY = ['server/startup.ts', 'server/cli/seed.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'data/out/', 'test-artifacts/', 'client/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  { files: ['client/**'], rules: floors([serverRuntime, ...demoCity]) },
  { files: ['server/**'], ignores: SEEDS_THE_DEMO_CITY, rules: floors(demoCity) },
  { files: ['server/db/**'], rules: floors([...demoCity, seederNextDoor]) },
  { files: ['server/analysis/**'], rules: floors([aboveAnalysis, ...demoCity]) },
  { files: ['server/domain/**'], rules: floors([...aboveDomain, ...demoCity], nodeBuiltins) },
);
