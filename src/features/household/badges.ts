import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import * as household from '@contracts/household'
import type { ShownHousehold } from '@contracts/household'
import type { Me } from '@contracts/model'
import { useCloud } from '@/core/useCloud'

/**
 * What the 楼栋 tab needs of 亮身份, and nothing more (this file is in the main package): which rooms of a building
 * are shown party-member households right now, and where their cards and the household pages are.
 */
export const HOUSEHOLD_PAGES = {
  card: '/packages/household/card/index',
  apply: '/packages/household/apply/index',
  mine: '/packages/household/mine/index',
  review: '/packages/household/review/index',
  coverage: '/packages/household/coverage/index',
} as const

export function cardUrl(householdId: string): string {
  return `${HOUSEHOLD_PAGES.card}?id=${encodeURIComponent(householdId)}`
}

export function openCard(householdId: string): void {
  void Taro.navigateTo({ url: cardUrl(householdId) })
}

export interface HouseholdBadges {
  /** Shown households by household id; empty while loading or when the call failed. */
  byId: ReadonlyMap<string, ShownHousehold>
  count: number
  /** False until the answer arrived: the header says nothing rather than a wrong "0". */
  ready: boolean
  reload: () => Promise<void>
}

const EMPTY = new Map<string, ShownHousehold>()

/** Read fresh on every visit (the tab reloads it on return): a withdrawn badge must not linger in a cache. */
export function useHouseholdBadges(buildingId: string | null): HouseholdBadges {
  const { data, reload } = useCloud(household.buildingBadges, buildingId ? { buildingId } : null)
  const current = data && data.buildingId === buildingId ? data : undefined
  const byId = useMemo(() => (current ? new Map(current.households.map((item) => [item.householdId, item])) : EMPTY), [current])
  return { byId, count: current?.households.length ?? 0, ready: Boolean(current), reload }
}

/** Which household links the person has: their own household's page (any verified home), the admin pages. */
export function householdLinks(me: Me | null): { mine: boolean; admin: boolean } {
  return {
    mine: Boolean(me?.residencies.some((home) => home.status === 'verified')),
    admin: Boolean(me?.roles.some((role) => role.role === 'admin')),
  }
}
