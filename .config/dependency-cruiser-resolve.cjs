// Resolve options for dependency-cruiser, in the webpack-config shape it reads its enhanced-resolve
// aliases from: our packages resolve to their sources (their `exports` name dist/, which does not
// exist when lint runs in a fresh clone, and which the rules would not see into).
const { workspaceSourceEntries } = require('./workspace-sources.mjs');

module.exports = {
  resolve: {
    alias: Object.fromEntries(workspaceSourceEntries.map(({ specifier, source }) => [`${specifier}$`, source])),
  },
};
