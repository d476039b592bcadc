import type { Locale, Team } from '@contracts/model'
import { localized } from '@/ui/text'

export interface TeamCard {
  id: string
  name: string
  purpose: string
  leaderName: string
  memberCount: number
  /** Risky work (night patrol): signing up will need an insurance confirmation (志愿服务条例). */
  needsInsurance: boolean
}

export function teamCards(teams: Team[], locale: Locale): TeamCard[] {
  return teams.map((team) => ({
    id: team.id,
    name: localized(team.name, locale),
    purpose: localized(team.purpose, locale),
    leaderName: team.leaderName,
    memberCount: team.memberCount,
    needsInsurance: team.risky,
  }))
}
