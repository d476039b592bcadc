// Babel plugin for the app builds: drops the 4th argument of `defineAction<O>()(fn, action, input, access)`. Who may
// call an action, and the sample inputs the authorization matrix and the fuzz test aim with, are for the cloud and
// its tests: the app never reads `contract.access`, and sample data is test data that has no place on a phone.
// With the argument gone its imports from cloud/contracts/access are unused and leave the bundle too.
// tests/weapp/package-check.mjs fails the build if any of it ships.
module.exports = function stripAccess({ types: t }) {
  return {
    name: 'strip-access-declarations',
    visitor: {
      CallExpression(path) {
        const { callee, arguments: args } = path.node
        if (args.length === 4 && t.isCallExpression(callee) && t.isIdentifier(callee.callee, { name: 'defineAction' })) args.pop()
      },
    },
  }
}
