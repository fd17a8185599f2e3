// SuiteCloud CLI project configuration. `npm run deploy` builds and tests before deploying.
module.exports = {
  defaultProjectFolder: 'src',
  commands: {},
};
