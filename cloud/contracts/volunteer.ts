import { defineAction, noInput } from './define'
import type { Team } from './model'

export const listTeams = defineAction<Team[]>()('volunteer', 'teams.list', noInput)
