import Taro from '@tarojs/taro'
import type { Me } from '@contracts/model'

/** The server's limit (contracts/account.ts: text(20)), counted the same way: UTF-16 units after trimming. */
export const NICKNAME_MAX = 20

export function nicknameProblem(raw: string): 'empty' | 'long' | null {
  const nickname = raw.trim()
  if (nickname.length === 0) return 'empty'
  return nickname.length > NICKNAME_MAX ? 'long' : null
}

export interface Draft {
  nickname: string
  /** A cloud fileID once a new avatar is uploaded; otherwise the current one. */
  avatarFileId: string
}

/** Only what changed goes to the server; null when there is nothing to save. */
export function profileChanges(me: Pick<Me, 'nickname' | 'avatarFileId'>, draft: Draft): { nickname?: string; avatarFileId?: string } | null {
  const changes: { nickname?: string; avatarFileId?: string } = {}
  const nickname = draft.nickname.trim()
  if (nickname !== me.nickname) changes.nickname = nickname
  if (draft.avatarFileId && draft.avatarFileId !== me.avatarFileId) changes.avatarFileId = draft.avatarFileId
  return Object.keys(changes).length > 0 ? changes : null
}

/**
 * In the caller's own folder (me.avatarFolder, the only one profile.update accepts), under an unguessable name, so
 * that one avatar's path says nothing about the next.
 */
export function avatarCloudPath(folder: string, random: () => number = Math.random): string {
  const part = () => Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')
  return `${folder}${part()}${part()}.jpg`
}

/**
 * chooseAvatar gives a temporary local file; it must be in our cloud storage before it can be saved, and the fileID
 * (cloud://…) is what the profile sends — never a link. weapp only: H5 has no chooseAvatar.
 */
export async function uploadAvatar(tempFilePath: string, folder: string): Promise<string> {
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath: avatarCloudPath(folder), filePath: tempFilePath })
  return fileID
}
