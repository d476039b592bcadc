/** The pages of the management subpackage, and the pages of other features it links to (by URL, never by import). */
export const MANAGE_PAGES = {
  hub: '/packages/manage/index',
  queue: '/packages/manage/queue/index',
  invites: '/packages/manage/invites/index',
  audit: '/packages/manage/audit/index',
  buildings: '/packages/manage/buildings/index',
  import: '/packages/manage/import/index',
  residents: '/packages/manage/residents/index',
  people: '/packages/manage/people/index',
  dashboard: '/packages/manage/dashboard/index',
  exports: '/packages/manage/exports/index',
} as const

export const LINKED_PAGES = {
  householdReview: '/packages/household/review/index',
  householdCoverage: '/packages/household/coverage/index',
  volunteerLead: '/packages/volunteer/lead/index',
  sessionRoster: '/packages/service/roster/index',
  servicesTab: '/pages/services/index',
} as const

export function withQuery(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return query ? `${url}?${query}` : url
}
