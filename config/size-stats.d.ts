export class SizeStatsPlugin {
  apply(compiler: unknown): void
}
