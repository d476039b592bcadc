import type { Compiler } from 'webpack'

export declare class LocaleSplitPlugin {
  constructor(options: { subpackagePrefix: string; localePackage: string })
  apply(compiler: Compiler): void
}

export declare function splitScript(text: string): { text: string; moved: Record<'en' | 'ko' | 'ja', Record<string, string>> }
