import { defineMessages } from '@/core/i18n'

/**
 * The words of PermissionNotice (subpackage pages): a declined privacy guide, and the way back to a scope the person
 * switched off, said the way WeChat labels it: the ··· button at the top right → 设置 → the scope's row. Apart from
 * wechatMessages.ts (the guide itself and the tab pages' share cards), so that they stay out of the weapp main package
 * (issue 19).
 */
export const permissionMessages = defineMessages({
  'zh-CN': {
    privacyDeclined: '您没有同意隐私保护指引，所以这一步没有完成。想继续的话，点“再试一次”，同意后就能用。',
    retry: '再试一次',
    'scope.writePhotosAlbum': '相册',
    'scope.camera': '摄像头',
    deniedText: '本小程序的“{switch}”开关是关着的。打开方法：点屏幕右上角的“···”→“设置”→ 打开“{switch}”，再回到这里。',
    openSetting: '打开设置',
    stillDenied: '“{switch}”还是关着的。请在“设置”里把它打开，再点一次“打开设置”回来。',
  },
  en: {
    privacyDeclined: 'You did not agree to the privacy guide, so this step was not done. To go on, tap “Try again” and agree.',
    retry: 'Try again',
    'scope.writePhotosAlbum': 'Album',
    'scope.camera': 'Camera',
    deniedText: 'The “{switch}” switch of this mini-program is off. To turn it on: tap “···” at the top right of the screen → “Settings” → turn on “{switch}”, then come back here.',
    openSetting: 'Open settings',
    stillDenied: '“{switch}” is still off. Turn it on in “Settings”, then tap “Open settings” again to come back.',
  },
  ko: {
    privacyDeclined: '개인정보 보호 지침에 동의하지 않아서 이 단계가 끝나지 않았습니다. 계속하려면 “다시 시도”를 누르고 동의해 주세요.',
    retry: '다시 시도',
    'scope.writePhotosAlbum': '앨범',
    'scope.camera': '카메라',
    deniedText: '이 미니프로그램의 “{switch}” 스위치가 꺼져 있습니다. 켜는 방법: 화면 오른쪽 위의 “···” → “설정” → “{switch}”을 켜고 여기로 돌아오세요.',
    openSetting: '설정 열기',
    stillDenied: '“{switch}”이 아직 꺼져 있습니다. “설정”에서 켠 뒤 “설정 열기”를 다시 눌러 돌아오세요.',
  },
  ja: {
    privacyDeclined: 'プライバシー保護ガイドラインに同意しなかったため、この操作は完了していません。続けるには「もう一度」を押して同意してください。',
    retry: 'もう一度',
    'scope.writePhotosAlbum': 'アルバム',
    'scope.camera': 'カメラ',
    deniedText: 'このミニプログラムの「{switch}」のスイッチがオフです。オンにする方法：画面右上の「···」→「設定」→「{switch}」をオンにして、ここに戻ってください。',
    openSetting: '設定を開く',
    stillDenied: '「{switch}」はまだオフです。「設定」でオンにしてから、もう一度「設定を開く」を押して戻ってください。',
  },
})
