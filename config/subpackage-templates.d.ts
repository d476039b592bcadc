import type { Compiler } from 'webpack'

export declare class SubpackageTemplatesPlugin {
  constructor(options?: { components?: string[] })
  apply(compiler: Compiler): void
}
