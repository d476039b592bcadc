import { create } from 'zustand'

/**
 * WeChat's privacy guide (隐私保护指引): once the app listens to onNeedPrivacyAuthorization (app.ts), a privacy API
 * called before the person agreed stays pending until we resolve it, and WeChat shows nothing of its own. The
 * resolvers wait here; every page's shell (ui/Screen → ui/PrivacyPrompt) shows the agreement while one waits, so no
 * page can leave a call hanging (on weapp the prompt comes from a subpackage: when it cannot be loaded, ui/Overlays
 * declines the call). Agree resolves with the id of the tapped agreePrivacyAuthorization button; decline
 * resolves 'disagree', and the waiting API then fails with errno 104, which core/permission reads as 'privacy'.
 */
export type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** The id WeChat checks: agreement counts only if the button with this id, open-type agreePrivacyAuthorization, was tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy'

interface PrivacyState {
  /** Every privacy API waiting for an answer; one tap answers them all. */
  waiting: PrivacyResolve[]
  /** The page path that triggered the request, as WeChat reports it. */
  referrer: string
  /** The guide's name as set in the WeChat console (《…隐私保护指引》), from getPrivacySetting (ui/privacyContract.ts, when
   * the prompt shows); '' until known. */
  contractName: string
  /** Whether exposureAuthorization was already reported for the calls waiting now. */
  shown: boolean
  need(resolve: PrivacyResolve, referrer?: string): void
  /** WeChat wants to know the explanation was actually shown before it accepts an answer. */
  exposed(): void
  agree(): void
  disagree(): void
}

export const usePrivacy = create<PrivacyState>((set, get) => ({
  waiting: [],
  referrer: '',
  contractName: '',
  shown: false,
  need(resolve, referrer = '') {
    const first = get().waiting.length === 0
    set({ waiting: [...get().waiting, resolve], referrer, ...(first ? { shown: false } : {}) })
    // A prompt already on screen covers this call too: tell WeChat it was shown.
    if (!first && get().shown) resolve({ event: 'exposureAuthorization' })
  },
  exposed() {
    if (get().shown) return
    set({ shown: true })
    for (const resolve of get().waiting) resolve({ event: 'exposureAuthorization' })
  },
  agree() {
    const { waiting } = get()
    set({ waiting: [], referrer: '', shown: false })
    for (const resolve of waiting) resolve({ buttonId: AGREE_BUTTON_ID, event: 'agree' })
  },
  disagree() {
    const { waiting } = get()
    set({ waiting: [], referrer: '', shown: false })
    for (const resolve of waiting) resolve({ event: 'disagree' })
  },
}))
