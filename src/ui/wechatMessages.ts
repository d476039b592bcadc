import { defineMessages } from '@/core/i18n'

/**
 * The words around WeChat's own switches: the privacy guide every page can be asked to show (PrivacyPrompt), and the
 * way back to a scope the person switched off (PermissionNotice). Where the switch is, said the way WeChat labels it:
 * the ··· button at the top right → 设置 → the scope's row.
 */
export const wechatMessages = defineMessages({
  'zh-CN': {
    privacyTitle: '请先看一下隐私保护指引',
    privacyText: '这一步要用到微信的隐私功能（选照片、选文件、复制、保存到相册等）。微信要求您先阅读并同意{guide}，同意后这一步会接着完成。',
    privacyGuide: '隐私保护指引',
    privacyOpen: '阅读{guide}',
    privacyAgree: '同意并继续',
    privacyDecline: '不同意',
    privacyDeclined: '您没有同意隐私保护指引，所以这一步没有完成。想继续的话，点“再试一次”，同意后就能用。',
    retry: '再试一次',
    'scope.writePhotosAlbum': '相册',
    'scope.camera': '摄像头',
    deniedText: '本小程序的“{switch}”开关是关着的。打开方法：点屏幕右上角的“···”→“设置”→ 打开“{switch}”，再回到这里。',
    openSetting: '打开设置',
    stillDenied: '“{switch}”还是关着的。请在“设置”里把它打开，再点一次“打开设置”回来。',
  },
  en: {
    privacyTitle: 'Please read the privacy guide first',
    privacyText: 'This step uses a WeChat privacy feature (choosing a photo or file, copying, saving to your album …). WeChat asks you to read and agree to {guide} first; the step then carries on.',
    privacyGuide: 'the privacy guide',
    privacyOpen: 'Read {guide}',
    privacyAgree: 'Agree and continue',
    privacyDecline: 'Do not agree',
    privacyDeclined: 'You did not agree to the privacy guide, so this step was not done. To go on, tap “Try again” and agree.',
    retry: 'Try again',
    'scope.writePhotosAlbum': 'Album',
    'scope.camera': 'Camera',
    deniedText: 'The “{switch}” switch of this mini-program is off. To turn it on: tap “···” at the top right of the screen → “Settings” → turn on “{switch}”, then come back here.',
    openSetting: 'Open settings',
    stillDenied: '“{switch}” is still off. Turn it on in “Settings”, then tap “Open settings” again to come back.',
  },
  ko: {
    privacyTitle: '먼저 개인정보 보호 지침을 읽어 주세요',
    privacyText: '이 단계는 위챗의 개인정보 기능(사진·파일 선택, 복사, 앨범에 저장 등)을 씁니다. 위챗은 먼저 {guide}을 읽고 동의하도록 요구합니다. 동의하면 이 단계가 이어서 진행됩니다.',
    privacyGuide: '개인정보 보호 지침',
    privacyOpen: '{guide} 읽기',
    privacyAgree: '동의하고 계속',
    privacyDecline: '동의하지 않음',
    privacyDeclined: '개인정보 보호 지침에 동의하지 않아서 이 단계가 끝나지 않았습니다. 계속하려면 “다시 시도”를 누르고 동의해 주세요.',
    retry: '다시 시도',
    'scope.writePhotosAlbum': '앨범',
    'scope.camera': '카메라',
    deniedText: '이 미니프로그램의 “{switch}” 스위치가 꺼져 있습니다. 켜는 방법: 화면 오른쪽 위의 “···” → “설정” → “{switch}”을 켜고 여기로 돌아오세요.',
    openSetting: '설정 열기',
    stillDenied: '“{switch}”이 아직 꺼져 있습니다. “설정”에서 켠 뒤 “설정 열기”를 다시 눌러 돌아오세요.',
  },
  ja: {
    privacyTitle: '先にプライバシー保護ガイドラインをお読みください',
    privacyText: 'この操作は WeChat のプライバシー機能（写真やファイルの選択、コピー、アルバムへの保存など）を使います。WeChat は先に{guide}を読んで同意するよう求めています。同意すると操作がそのまま続きます。',
    privacyGuide: 'プライバシー保護ガイドライン',
    privacyOpen: '{guide}を読む',
    privacyAgree: '同意して続ける',
    privacyDecline: '同意しない',
    privacyDeclined: 'プライバシー保護ガイドラインに同意しなかったため、この操作は完了していません。続けるには「もう一度」を押して同意してください。',
    retry: 'もう一度',
    'scope.writePhotosAlbum': 'アルバム',
    'scope.camera': 'カメラ',
    deniedText: 'このミニプログラムの「{switch}」のスイッチがオフです。オンにする方法：画面右上の「···」→「設定」→「{switch}」をオンにして、ここに戻ってください。',
    openSetting: '設定を開く',
    stillDenied: '「{switch}」はまだオフです。「設定」でオンにしてから、もう一度「設定を開く」を押して戻ってください。',
  },
})
