// Babel plugin for the app builds (weapp and H5): contracts shrink to what the app sends, `{ fn, action }`.
// - Compiles `defineAction<O>()(fn, action, input, access)` to `{ fn, action }`. Who may call an action, and the
//   sample inputs the authorization matrix and the fuzz test aim with, are for the cloud and its tests: sample data is
//   test data that has no place on a phone (tests/weapp/package-check.mjs fails the build if any of it ships). The
//   input schema is the cloud's: every function validates its input against it and answers INVALID_INPUT with the
//   field, so the app carries neither the schemas nor valibot (≈20 KB of the main package when the tab pages imported
//   whole contract files).
// - In cloud/contracts/, wraps each top-level constant that is computed by a call (a schema, an access preset) in a
//   pure-annotated arrow: one that nothing imports any more leaves the bundle whole, so a page carries only the
//   contracts it calls. Contract files have no top-level side effects; tests/app/main-package.test.ts holds them to it.
const path = require('node:path')

const CONTRACTS = `${path.sep}cloud${path.sep}contracts${path.sep}`

module.exports = function stripAccess({ types: t }) {
  /** Whether evaluating `init` calls something (outside a function it defines). */
  function callsSomething(initPath) {
    if (initPath.isFunction()) return false
    if (initPath.isCallExpression() || initPath.isNewExpression()) return true
    let found = false
    initPath.traverse({
      Function(inner) {
        inner.skip()
      },
      'CallExpression|NewExpression'(inner) {
        found = true
        inner.stop()
      },
    })
    return found
  }
  return {
    name: 'strip-contract-inputs-and-access',
    visitor: {
      CallExpression(callPath) {
        const { callee, arguments: args } = callPath.node
        if (args.length === 4 && t.isCallExpression(callee) && t.isIdentifier(callee.callee, { name: 'defineAction' })) {
          // What defineAction returns, without the input and access: a plain object, which the minifier drops when no
          // page uses it.
          callPath.replaceWith(t.objectExpression([t.objectProperty(t.identifier('fn'), args[0]), t.objectProperty(t.identifier('action'), args[1])]))
        }
      },
      Program: {
        exit(programPath, state) {
          if (!(state.filename ?? '').includes(CONTRACTS)) return
          for (const statement of programPath.get('body')) {
            const declaration = statement.isExportNamedDeclaration() ? statement.get('declaration') : statement
            if (!declaration.isVariableDeclaration({ kind: 'const' })) continue
            for (const declarator of declaration.get('declarations')) {
              const init = declarator.get('init')
              if (!init.node || !callsSomething(init)) continue
              const lazy = t.callExpression(t.arrowFunctionExpression([], init.node), [])
              t.addComment(lazy, 'leading', '#__PURE__')
              init.replaceWith(lazy)
            }
          }
        },
      },
    },
  }
}
