import { useShareAppMessage } from '@tarojs/taro'
import { useT } from '@/core/i18n'
import { wechatMessages } from './wechatMessages'

/**
 * The picture on each kind of share card (scripts/draw-share-images.mjs; config/index.ts copies them into dist/):
 * 首页's and 楼栋's in the main package, a session's and a shift's in their own subpackage, which is loaded when the
 * page that shares is open.
 */
export const SHARE_IMAGES = {
  home: '/assets/share/home.png',
  building: '/assets/share/building.png',
  session: '/packages/service/share.png',
  shift: '/packages/volunteer/share.png',
} as const

export type ShareKind = keyof typeof SHARE_IMAGES

/** "Send to a friend" from ··· with a title, the page to open and the kind's picture. */
export function useShareCard(kind: ShareKind, card: () => { title: string; path: string }): void {
  useShareAppMessage(() => ({ ...card(), imageUrl: SHARE_IMAGES[kind] }))
}

/**
 * 首页 and 楼栋 share what the app is, never who shares it: no name, no room, no building id. Whoever opens the card
 * sees their own home page or their own building (a newcomer: the privacy agreement and joining first).
 */
export function useTabShare(kind: 'home' | 'building'): void {
  const t = useT(wechatMessages)
  useShareCard(kind, () => ({ title: t(kind === 'home' ? 'shareHome' : 'shareBuilding'), path: kind === 'home' ? '/pages/home/index' : '/pages/building/index' }))
}
