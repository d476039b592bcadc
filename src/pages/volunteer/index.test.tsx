import { fireEvent, render, screen } from '@testing-library/react'
import { call } from '@/core/api'
import VolunteerPage from './index'
import { teamCards } from './teams'
import { fails, fakeCloud, resident, setScene, teams, volunteer } from '../../../tests/app/fixtures'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

beforeEach(() => {
  jest.clearAllMocks()
  callMock.mockImplementation(fakeCloud([[volunteer.listTeams, () => teams]]))
})

describe('teamCards', () => {
  it('translates the team and flags risky work as needing insurance', () => {
    expect(teamCards(teams, 'en')).toEqual([
      { id: 'caring', name: 'Helping Hands', purpose: 'Visit neighbours who live alone; shop and run errands for them', leaderName: '陈老师', memberCount: 12, needsInsurance: false },
      { id: 'night-walk', name: 'Night Walkers', purpose: 'Evening patrols; accident insurance must be confirmed', leaderName: '刘队长', memberCount: 9, needsInsurance: true },
    ])
  })
})

describe('志愿', () => {
  it('shows each team with its purpose, leader and size', async () => {
    setScene({ me: resident })
    render(<VolunteerPage />)
    expect(await screen.findByText('爱心帮扶队')).toBeTruthy()
    expect(screen.getByText('探望独居老人，代买代办')).toBeTruthy()
    expect(screen.getByText('队长：陈老师')).toBeTruthy()
    expect(screen.getByText('12 名队员')).toBeTruthy()
  })

  it('tags only the risky team as needing insurance, in words', async () => {
    setScene({ me: resident })
    render(<VolunteerPage />)
    await screen.findByText('夜走队')
    const tags = screen.getAllByText(/需投保/)
    expect(tags).toHaveLength(1)
    expect(tags[0].closest('.volunteer__card')?.textContent).toContain('夜走队')
  })

  it('follows the chosen language', async () => {
    setScene({ me: resident, locale: 'ja' })
    render(<VolunteerPage />)
    expect(await screen.findByText('夜回り隊')).toBeTruthy()
    expect(screen.getByText('メンバー 9人')).toBeTruthy()
    expect(screen.getByText(/保険加入が必要/)).toBeTruthy()
  })

  it('offers to try again when the list could not be loaded', async () => {
    callMock.mockImplementation(fakeCloud([[volunteer.listTeams, fails('INTERNAL')]]))
    setScene({ me: resident })
    render(<VolunteerPage />)
    expect(await screen.findByText('系统出了点问题，请稍后再试。')).toBeTruthy()
    callMock.mockImplementation(fakeCloud([[volunteer.listTeams, () => teams]]))
    fireEvent.click(screen.getByText('再试一次'))
    expect(await screen.findByText('爱心帮扶队')).toBeTruthy()
  })
})
