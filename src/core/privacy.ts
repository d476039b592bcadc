import { create } from 'zustand'

/**
 * WeChat's privacy guide (隐私保护指引): once the app listens to onNeedPrivacyAuthorization, a privacy API called
 * before the person agreed stays pending until we resolve it. We keep the resolvers here so that the page the person
 * is looking at can show an inline panel (never a pop-up they did not ask for) with WeChat's agree button.
 */
export type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** The id WeChat checks: agreement counts only if the button with this id was really tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy'

interface PrivacyState {
  /** Every privacy API waiting for an answer; one tap answers them all. */
  waiting: PrivacyResolve[]
  /** The page path that triggered the request, as WeChat reports it. */
  referrer: string
  need(resolve: PrivacyResolve, referrer?: string): void
  /** WeChat wants to know the explanation was actually shown before it accepts an answer. */
  exposed(): void
  agree(): void
  disagree(): void
}

export const usePrivacy = create<PrivacyState>((set, get) => ({
  waiting: [],
  referrer: '',
  need(resolve, referrer = '') {
    set({ waiting: [...get().waiting, resolve], referrer })
  },
  exposed() {
    for (const resolve of get().waiting) resolve({ event: 'exposureAuthorization' })
  },
  agree() {
    const { waiting } = get()
    set({ waiting: [], referrer: '' })
    for (const resolve of waiting) resolve({ buttonId: AGREE_BUTTON_ID, event: 'agree' })
  },
  disagree() {
    const { waiting } = get()
    set({ waiting: [], referrer: '' })
    for (const resolve of waiting) resolve({ event: 'disagree' })
  },
}))
