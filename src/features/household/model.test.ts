import { activePledges, applicable, canAddPledge, publishStep, replaceHome } from './model'
import { home, party, pledge } from './fixtures'

it('offers applying for homes with no application or a refused one', () => {
  const homes = [home({ householdId: 'a', party: null }), home({ householdId: 'b', party: party({ status: 'rejected' }) }), home({ householdId: 'c' }), home({ householdId: 'd', party: party({ status: 'pending' }) })]
  expect(applicable(homes).map((h) => h.householdId)).toEqual(['a', 'b'])
})

it('the big button withdraws while shown, publishes with consent, and asks for consent first otherwise', () => {
  expect(publishStep({ shown: true, consent: true })).toBe('withdraw')
  expect(publishStep({ shown: false, consent: true })).toBe('publish')
  expect(publishStep({ shown: false, consent: false })).toBe('consent')
})

it('counts only active pledges towards the limit of five', () => {
  const five = Array.from({ length: 5 }, (_, i) => pledge({ id: `p${i}` }))
  expect(canAddPledge(five)).toBe(false)
  expect(canAddPledge([...five.slice(1), pledge({ id: 'old', status: 'retired' })])).toBe(true)
  expect(activePledges([pledge(), pledge({ id: 'x', status: 'retired' })])).toHaveLength(1)
})

it('replaces one home with the fresh copy an action returned', () => {
  const homes = [home({ householdId: 'a' }), home({ householdId: 'b' })]
  const fresh = home({ householdId: 'b', party: party({ shown: true }) })
  expect(replaceHome(homes, fresh)[1].party?.shown).toBe(true)
  expect(replaceHome(homes, fresh)[0]).toBe(homes[0])
})
