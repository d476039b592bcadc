import Taro from '@tarojs/taro'

/** The 志愿服务 subpackage's pages (src/packages/volunteer): everything but the tab section lives there. */
export const VOLUNTEER_PAGES = {
  team: '/packages/volunteer/team/index',
  shift: '/packages/volunteer/shift/index',
  mine: '/packages/volunteer/mine/index',
  certificate: '/packages/volunteer/certificate/index',
  lead: '/packages/volunteer/lead/index',
  roster: '/packages/volunteer/roster/index',
  create: '/packages/volunteer/create/index',
  admin: '/packages/volunteer/admin/index',
} as const

export type VolunteerPage = keyof typeof VOLUNTEER_PAGES

export function volunteerUrl(page: VolunteerPage, params: Record<string, string> = {}): string {
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return query ? `${VOLUNTEER_PAGES[page]}?${query}` : VOLUNTEER_PAGES[page]
}

export function openVolunteer(page: VolunteerPage, params: Record<string, string> = {}): void {
  void Taro.navigateTo({ url: volunteerUrl(page, params) })
}

export const openTeam = (teamId: string) => openVolunteer('team', { id: teamId })
export const openShift = (shiftId: string) => openVolunteer('shift', { id: shiftId })
