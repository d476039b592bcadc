import { defineAction, noInput } from './define'
import type { ServiceType } from './model'

export const listServiceTypes = defineAction<ServiceType[]>()('service', 'types.list', noInput)
