import type { Compiler } from 'webpack'

export declare class JsonAssetPlugin {
  constructor(options: { from: string; to: string })
  apply(compiler: Compiler): void
}
