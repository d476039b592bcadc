/**
 * Build-time constants from the deploy configuration (linliting.config.json, else linliting.config.example.json;
 * scripts/deploy-config.cjs), injected by Taro's defineConstants, build-cloud's esbuild define and Jest's globals.
 */
declare const SUBSCRIBE_TEMPLATE_IDS: { serviceReminder: string; waitlistPromoted: string; volunteerWaitlistPromoted: string }
/** Which version of the mini-program a subscribe message opens (cloud functions only). */
declare const MINIPROGRAM_STATE: 'developer' | 'trial' | 'formal'
