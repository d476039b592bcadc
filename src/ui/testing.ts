/** Routes mocked `call`s by contract, the way the cloud's action table does. Imported by tests only. */
import { act, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import type { Contract } from '@contracts/define'

export type Answer = (input: unknown) => unknown

export function routeCalls(mock: jest.Mock, routes: [Contract, Answer][]): void {
  const answers = new Map(routes)
  mock.mockImplementation(async (contract: Contract, input: unknown) => {
    const answer = answers.get(contract)
    if (!answer) throw new Error(`unexpected call ${contract.fn}.${contract.action}`)
    return answer(input)
  })
}

/** The inputs of every call made to one contract, in order. */
export function callsTo(mock: jest.Mock, contract: Contract): unknown[] {
  return mock.mock.calls.filter(([called]) => called === contract).map(([, input]) => input)
}

/** Renders a page and lets its first calls answer, as a person would see it a moment after opening it. */
export async function show(page: ReactElement): Promise<void> {
  await act(async () => {
    render(page)
  })
}

/** jsdom's Blob has no text(); FileReader it does have. */
export function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })
}
