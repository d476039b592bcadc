import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as account from '@contracts/account'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT, type T } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { IconLine } from '@/ui/Icon'
import { alert } from '@/ui/icons'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { useTitle } from '@/ui/useTitle'
import { dataMessages } from './messages'
import { deliverFile, type Delivered } from '@/ui/deliverFile'
import { EXPORT_FILE_NAME, exportJson, summarize, type Field, type KindSummary } from './summary'
import './index.scss'
import '../../../ui/choice.scss'

type DataKey = keyof (typeof dataMessages)['zh-CN']

function kindName(t: T<DataKey>, item: KindSummary): string {
  return item.known ? t(`kind_${item.kind}`) : t('kind_other', { kind: item.kind })
}

function fieldNames(t: T<DataKey>, fields: Field[]): string {
  return fields.map((field) => (field.known ? t(`field_${field.name}`) : field.name)).join(t('fieldSeparator'))
}

/** WeChat reports a closed share sheet as a failure; for the person it is just a change of mind. */
const isCancel = (error: unknown) => error instanceof Object && 'errMsg' in error && String(error.errMsg).includes('cancel')

export default function DataPage() {
  const t = useT(dataMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const { data, error, loading, reload } = useCloud(account.exportMyData, {})
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<Delivered | 'failed' | null>(null)

  function exportFile() {
    if (!data) return
    setSaving(true)
    setSaved(null)
    deliverFile(exportJson(data), EXPORT_FILE_NAME, 'application/json')
      .then((how) => setSaved(how))
      .catch((caught: unknown) => setSaved(isCancel(caught) ? null : 'failed'))
      .finally(() => setSaving(false))
  }

  const kinds = data ? summarize(data.data) : []
  return (
    <Screen className="my-data">
      <Text className="title">{t('title')}</Text>
      <Text className="muted my-data__intro">{t('intro')}</Text>

      {error ? <StatusView kind="error" error={error} onRetry={() => void reload()} /> : null}
      {loading && !data ? <StatusView kind="loading" /> : null}

      {data ? (
        <View className="card">
          {kinds.length === 0 ? <Text>{t('nothing')}</Text> : null}
          {kinds.map((item) => (
            <View key={item.kind} className="my-data__kind" id={`kind-${item.kind}`}>
              <View className="row">
                <Text className="my-data__kind-name">{kindName(t, item)}</Text>
                <Text className="my-data__count">{t('count', { count: item.count })}</Text>
              </View>
              {item.fields.length > 0 ? <Text className="muted">{t('fields', { fields: fieldNames(t, item.fields) })}</Text> : null}
            </View>
          ))}
          <Text className="muted my-data__time">{t('countedAt', { time: dateTimeLabel(data.exportedAt, locale, { year: true }) })}</Text>
        </View>
      ) : null}

      {data ? (
        <View className="card stack">
          <Text className="subtitle my-data__first">{t('exportTitle')}</Text>
          <Text>{t('exportText', { name: EXPORT_FILE_NAME })}</Text>
          {process.env.TARO_ENV === 'weapp' ? <Text className="muted">{t('exportTextWeapp')}</Text> : null}
          {saved === 'failed' ? <Notice kind="error">{t('exportFailed')}</Notice> : null}
          {saved === 'downloaded' || saved === 'shared' ? <Notice kind="ok">{t(`exported_${saved}`, { name: EXPORT_FILE_NAME })}</Notice> : null}
          <Button className="btn btn--block" disabled={disabledIf(saving)} onClick={exportFile}>
            {saving ? t('exporting') : t('exportButton')}
          </Button>
        </View>
      ) : null}

      <DeleteAccount />
    </Screen>
  )
}

/** PIPL Art. 47, with a second, explained step so that a stray tap deletes nothing. */
function DeleteAccount() {
  const t = useT(dataMessages)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)

  async function remove() {
    setBusy(true)
    setFailure(null)
    try {
      await call(account.deleteAccount, { confirm: 'DELETE' }, newRequestId())
      // Start over as a first-time visitor: the session forgets the old person, home shows the privacy summary again.
      useSession.setState({ me: null })
      void useSession.getState().refresh()
      void Taro.showToast({ title: t('deleted'), icon: 'none' })
      await Taro.switchTab({ url: '/pages/home/index' })
    } catch (error) {
      setFailure(error)
      setBusy(false)
    }
  }

  return (
    <View className="card stack my-data__delete" id="delete-account">
      <Text className="subtitle my-data__first">{t('deleteTitle')}</Text>
      {!confirming ? (
        <>
          <Text className="muted">{t('deleteText')}</Text>
          <Button className="btn btn--ghost btn--block" onClick={() => setConfirming(true)}>
            {t('deleteStart')}
          </Button>
        </>
      ) : (
        <>
          <IconLine shape={alert} className="my-data__confirm-title">{t('confirmTitle')}</IconLine>
          <Text>{t('willDelete')}</Text>
          <Text>{t('willAnonymise')}</Text>
          <Text className="my-data__irreversible">{t('irreversible')}</Text>
          {failure ? <ErrorNotice error={failure} /> : null}
          <Button className="btn btn--block" disabled={disabledIf(busy)} onClick={() => void remove()}>
            {busy ? t('deleting') : t('confirmDelete')}
          </Button>
          <Button className="btn btn--ghost btn--block" disabled={disabledIf(busy)} onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
        </>
      )}
    </View>
  )
}
