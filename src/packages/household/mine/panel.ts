import type { MyHousehold, PartyState } from '@contracts/household'

/** What each panel of 我的党员户 gets: the household, its party-member state, and where to report a change. */
export interface PanelProps {
  home: MyHousehold
  party: PartyState
  onChange: (next: MyHousehold) => void
}
