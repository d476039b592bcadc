import type { Compiler } from 'webpack'

export declare class LazyModulesPlugin {
  constructor(options: { modules: string[]; loader: string; file: string; subpackagePrefix: string })
  apply(compiler: Compiler): void
}

export declare function cutFactories(text: string, ids: string[]): { text: string; moved: Record<string, string> }
