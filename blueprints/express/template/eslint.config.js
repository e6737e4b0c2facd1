// ESLint flat config: the recommended rules on the project's ES modules, with Node.js globals.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'coverage/', 'data/'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      // A leading underscore marks a parameter kept for its position, as in Express's
      // four-argument error handlers.
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
