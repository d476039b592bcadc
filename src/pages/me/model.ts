import type { Me, ResidencyStatus, ResidencySummary } from '@contracts/model'
import { hourglass } from '@/ui/icons'

export type Tone = 'ok' | 'warn' | 'plain'

/** Each status has its own words and a glyph or icon (src/ui/icons.ts); the colour only repeats what they say. */
export const STATUS_LOOK: Record<ResidencyStatus, { glyph: string; icon?: string; tone: Tone }> = {
  verified: { glyph: '✓', tone: 'ok' },
  pending: { glyph: '', icon: hourglass, tone: 'warn' },
  rejected: { glyph: '✕', tone: 'plain' },
  left: { glyph: '←', tone: 'plain' },
}

const STATUS_ORDER: ResidencyStatus[] = ['verified', 'pending', 'rejected', 'left']

/** Homes that work first, then those waiting, then the closed ones. */
export function myHomes(me: Me): ResidencySummary[] {
  return [...me.residencies].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
}

/** 长辈模式: null follows WeChat's font size (关怀模式), true/false is the person's own choice. */
export const ELDER_CHOICES = [
  { value: null, key: 'elderFollow' },
  { value: true, key: 'elderOn' },
  { value: false, key: 'elderOff' },
] as const

export interface DevUser {
  openid: string
  name: string
  description: string
}

/**
 * The local runtime's demo users. Anything else (404 when dev mode is off, the H5 page served in its place) means
 * there is no switcher to show.
 */
export function parseDevUsers(body: unknown): DevUser[] | null {
  if (!Array.isArray(body)) return null
  const users = body.filter(
    (item): item is DevUser =>
      typeof item === 'object' && item !== null && typeof (item as DevUser).openid === 'string' && typeof (item as DevUser).name === 'string' && typeof (item as DevUser).description === 'string',
  )
  return users.length > 0 ? users : null
}

export async function loadDevUsers(fetcher: typeof fetch): Promise<DevUser[] | null> {
  try {
    const response = await fetcher('/dev/users')
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null
    return parseDevUsers(await response.json())
  } catch {
    return null
  }
}
