import type { Compiler } from 'webpack'

export declare class AppConfigPlugin {
  apply(compiler: Compiler): void
}
