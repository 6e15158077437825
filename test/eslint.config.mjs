// test/ lints with the tests' config (eslint.tests.config.mjs), not with the rules for shipped code.
export { default } from '../eslint.tests.config.mjs';
