export interface SubscribeTemplate {
  id: string
  title?: string
  keywords: string[]
}
export interface DeployConfig {
  envId: string
  miniprogramState: 'developer' | 'trial' | 'formal'
  subscribeTemplates: Record<'serviceReminder' | 'waitlistPromoted' | 'volunteerWaitlistPromoted', SubscribeTemplate>
}
export const CONFIG_FILE: string
export const EXAMPLE_FILE: string
export function readDeployConfig(dir?: string): { file: string; config: DeployConfig }
export function templateIds(config: DeployConfig): Record<string, string>
export function deployDefines(config: DeployConfig, options: { cloud: boolean }): Record<string, string>
