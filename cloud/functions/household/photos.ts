import { AppError } from '../../contracts/envelope'
import { PHOTO_MAX_BYTES, sniffPhotoType } from '../../domain/household'
import { sdk } from '../../lib/sdk'

/**
 * The weapp uploads fulfilment photos straight to cloud storage, so the app's own checks (type, 2 MB) are the
 * uploader's word only. Where the photos arrive — the entry that names them — the stored bytes are read and each must
 * be a JPEG or PNG by its first bytes and no larger than the limit (issue 20). A file that is missing answers the same
 * as one that is not a photo: the entry is refused and nothing is written.
 */
export async function requireStoredPhotos(fileIds: string[]): Promise<void> {
  for (const fileID of fileIds) {
    let content: Buffer
    try {
      content = (await sdk.downloadFile({ fileID })).fileContent
    } catch {
      throw new AppError('INVALID_INPUT', '照片没有上传成功，请重新上传', 'photos')
    }
    if (content.length === 0 || content.length > PHOTO_MAX_BYTES) throw new AppError('INVALID_INPUT', '照片不能超过 2 MB', 'photos')
    if (!sniffPhotoType(content.subarray(0, 8))) throw new AppError('INVALID_INPUT', '只能上传 JPG 或 PNG 照片', 'photos')
  }
}
