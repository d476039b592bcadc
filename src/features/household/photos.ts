import Taro from '@tarojs/taro'
import { photoFolder, photoProblem, PHOTO_MAX_SIDE, type PhotoProblem } from '@domain/household'
import { currentIdentity } from '@/core/devIdentity'
import { failureReason } from '@/core/permission'

/**
 * Fulfilment photos: chosen on the phone, compressed there (long side 1,280 px, JPEG), checked against the limits
 * (JPEG/PNG, 2 MB, 3 per entry), then uploaded into the household's own folder of cloud storage. The cloud function
 * accepts only file ids from that folder. weapp: chooseMedia → compressImage → wx.cloud.uploadFile. H5 (local demos):
 * a file input → canvas → POST /upload on the local runtime, which checks the same limits again.
 */
export interface Photo {
  fileId: string
  /** Shown in the form before saving: the local file on weapp, an object URL on H5. */
  preview: string
}

/**
 * 'privacy': the person declined WeChat's privacy guide when chooseMedia asked for it; 'denied': the camera is switched
 * off for this mini-program (ui/PermissionNotice says where to switch it on).
 */
export type PhotoResult = { ok: true; photo: Photo } | { ok: false; problem: PhotoProblem | 'failed' | 'cancelled' | 'privacy' | 'denied' }

function randomName(extension: string): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.${extension}`
}

function typeOfPath(path: string): string {
  const lower = path.toLowerCase()
  if (lower.endsWith('.png')) return 'image/png'
  if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return 'image/jpeg'
  return 'application/octet-stream'
}

async function pickOnWeapp(householdId: string, attached: number): Promise<PhotoResult> {
  let chosen: string
  try {
    const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    chosen = tempFiles[0]?.tempFilePath ?? ''
  } catch (error) {
    const reason = failureReason(error)
    return { ok: false, problem: reason === 'failed' ? 'cancelled' : reason }
  }
  if (!chosen) return { ok: false, problem: 'cancelled' }
  try {
    const { width, height } = await Taro.getImageInfo({ src: chosen })
    const wide = width >= height
    const scale = Math.max(width, height) > PHOTO_MAX_SIDE
    const { tempFilePath } = await Taro.compressImage({
      src: chosen,
      quality: 70,
      ...(scale ? (wide ? { compressedWidth: PHOTO_MAX_SIDE } : { compressedHeight: PHOTO_MAX_SIDE }) : {}),
    })
    const { size } = (await Taro.getFileInfo({ filePath: tempFilePath })) as unknown as { size: number }
    const type = typeOfPath(tempFilePath)
    const problem = photoProblem({ type, bytes: size }, attached)
    if (problem) return { ok: false, problem }
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath: `${photoFolder(householdId)}${randomName(type === 'image/png' ? 'png' : 'jpg')}`, filePath: tempFilePath })
    return { ok: true, photo: { fileId: fileID, preview: tempFilePath } }
  } catch {
    return { ok: false, problem: 'failed' }
  }
}

function chooseFileOnH5(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png'
    input.style.position = 'fixed'
    input.style.left = '-4000px'
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null)
      input.remove()
    })
    input.addEventListener('cancel', () => {
      resolve(null)
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** Draws the photo at most PHOTO_MAX_SIDE on its long side, on white (a transparent PNG must not turn black), as JPEG. */
async function compressOnH5(file: File): Promise<Blob> {
  const url = URL.createObjectURL(file)
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const element = new Image()
      element.onload = () => resolve(element)
      element.onerror = () => reject(new Error('not an image'))
      element.src = url
    })
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
    const context = canvas.getContext('2d')
    if (!context) return file
    context.fillStyle = '#fff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
    return blob ?? file
  } finally {
    URL.revokeObjectURL(url)
  }
}

async function pickOnH5(householdId: string, attached: number): Promise<PhotoResult> {
  const file = await chooseFileOnH5()
  if (!file) return { ok: false, problem: 'cancelled' }
  // The type is checked before compressing: a GIF or a document is refused as what it is, not as a failed drawing.
  const declared = photoProblem({ type: file.type, bytes: 1 }, attached)
  if (declared) return { ok: false, problem: declared }
  try {
    const blob = await compressOnH5(file)
    const problem = photoProblem({ type: blob.type, bytes: blob.size }, attached)
    if (problem) return { ok: false, problem }
    const headers: Record<string, string> = { 'Content-Type': blob.type }
    // The same identity the cloud client sends (app.ts registers it).
    headers['X-Dev-Openid'] = currentIdentity()
    const response = await fetch(`/upload?householdId=${encodeURIComponent(householdId)}`, { method: 'POST', headers, body: blob })
    const body = (await response.json()) as { ok: boolean; data?: { fileID: string } }
    if (!body.ok || !body.data) return { ok: false, problem: 'failed' }
    return { ok: true, photo: { fileId: body.data.fileID, preview: URL.createObjectURL(blob) } }
  } catch {
    return { ok: false, problem: 'failed' }
  }
}

export function pickPhoto(householdId: string, attached: number): Promise<PhotoResult> {
  const problem = photoProblem({ type: 'image/jpeg', bytes: 1 }, attached)
  if (problem) return Promise.resolve({ ok: false, problem })
  return process.env.TARO_ENV === 'h5' ? pickOnH5(householdId, attached) : pickOnWeapp(householdId, attached)
}
