import { Button, Image, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import * as household from '@contracts/household'
import { checkPublicText, FULFILMENT_MAX_AGE_DAYS, MAX_PHOTOS, NOTE_TEXT } from '@domain/household'
import { call } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { CATEGORY_GLYPHS, chinaDayFromNow, disabledIf, personalKey } from '@/features/household/format'
import { messages, type HouseholdKey } from '@/features/household/messages'
import { activePledges } from '@/features/household/model'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { pickPhoto, type Photo } from '@/features/household/photos'
import { useSubmit } from '@/features/household/useSubmit'
import { PermissionNotice, type Blocked } from '@/ui/PermissionNotice'
import { SectionTitle } from '@/ui/SectionTitle'
import type { PanelProps } from './panel'
import '@/ui/forms.scss'

/** 践诺: what the household did, on which day, for which pledge, with up to three photos. */
export function Record({ home, party, onChange }: PanelProps) {
  const t = useT(messages)
  const locale = useLocale()
  const submit = useSubmit()
  const today = chinaDayFromNow(0)
  const yesterday = chinaDayFromNow(-1)
  const [day, setDay] = useState(today)
  const [note, setNote] = useState('')
  const [pledgeId, setPledgeId] = useState<string | null>(null)
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [problem, setProblem] = useState<HouseholdKey | null>(null)
  const [blocked, setBlocked] = useState<Blocked | null>(null)
  const [saved, setSaved] = useState(false)
  const pledges = activePledges(party.pledges)

  async function addPhoto() {
    setProblem(null)
    setBlocked(null)
    setUploading(true)
    const result = await pickPhoto(home.householdId, photos.length)
    setUploading(false)
    if (result.ok) setPhotos((current) => [...current, result.photo])
    else if (result.problem === 'privacy' || result.problem === 'denied') setBlocked(result.problem)
    else if (result.problem === 'failed') setProblem('photoFailed')
    else if (result.problem !== 'cancelled') setProblem(`photo_${result.problem}`)
  }

  async function save() {
    const trimmed = note.trim()
    if ([...trimmed].length < NOTE_TEXT.min) return setProblem('noteHint')
    const personal = checkPublicText(trimmed)
    if (personal) return setProblem(personalKey(personal))
    setProblem(null)
    setSaved(false)
    const next = await submit.run((requestId) =>
      call(household.addFulfilment, { householdId: home.householdId, day, note: trimmed, pledgeId, photos: photos.map((photo) => photo.fileId) }, requestId),
    )
    if (next) {
      onChange(next)
      setNote('')
      setPhotos([])
      setPledgeId(null)
      setDay(today)
      setSaved(true)
    }
  }

  const dayChoices = [
    { value: today, label: t('today') },
    { value: yesterday, label: t('yesterday') },
  ]
  return (
    <View>
      <SectionTitle title={t('recordTitle')} />
      <View className="card stack">
        <Text className="label">{t('day')}</Text>
        <View className="household-choices">
          {dayChoices.map((choice) => {
            const on = choice.value === day
            return (
              <Button key={choice.value} className={`btn household-choice ${on ? 'household-choice--on' : 'btn--ghost'}`} aria-pressed={on} onClick={() => setDay(choice.value)}>
                {`${on ? '✓ ' : ''}${choice.label}`}
              </Button>
            )
          })}
          <Picker mode="date" value={day} start={chinaDayFromNow(-FULFILMENT_MAX_AGE_DAYS + 1)} end={today} onChange={(event) => setDay(String(event.detail.value))}>
            <View className={`btn household-choice ${day !== today && day !== yesterday ? 'household-choice--on' : 'btn--ghost'}`}>
              {t('otherDay', { day: day !== today && day !== yesterday ? dayLabel(day, locale) : '…' })}
            </View>
          </Picker>
        </View>

        <Text className="label">{t('note')}</Text>
        <Textarea className="field household-textarea" value={note} maxlength={NOTE_TEXT.max} aria-label={t('note')} onInput={(event) => setNote(event.detail.value)} />
        <Text className="muted">{t('noteHint')}</Text>

        {pledges.length > 0 ? (
          <View>
            <Text className="label">{t('whichPledge')}</Text>
            <View className="stack">
              {[null, ...pledges].map((pledge) => {
                const id = pledge?.id ?? null
                const on = id === pledgeId
                return (
                  <Button key={id ?? 'none'} className={`btn household-choice ${on ? 'household-choice--on' : 'btn--ghost'}`} aria-pressed={on} onClick={() => setPledgeId(id)}>
                    {`${on ? '✓ ' : ''}${pledge ? `${CATEGORY_GLYPHS[pledge.category]} ${pledge.text}` : t('noPledge')}`}
                  </Button>
                )
              })}
            </View>
          </View>
        ) : null}

        <Text className="label">{t('photos')}</Text>
        <View className="household-photos">
          {photos.map((photo, index) => (
            <View key={photo.fileId} className="household-photo">
              <Image className="household-photo__image" src={photo.preview} mode="aspectFill" aria-label={t('photo', { n: index + 1 })} />
              <Button className="btn btn--quiet" onClick={() => setPhotos((current) => current.filter((item) => item.fileId !== photo.fileId))}>
                {t('removePhoto')}
              </Button>
            </View>
          ))}
          {photos.length < MAX_PHOTOS ? (
            <Button className="btn btn--ghost" disabled={disabledIf(uploading)} onClick={() => void addPhoto()}>
              {uploading ? t('uploading') : t('addPhoto')}
            </Button>
          ) : null}
        </View>

        <PermissionNotice blocked={blocked} scope="scope.camera" onRetry={() => void addPhoto()} />
        {problem ? <Notice kind="error">{t(problem)}</Notice> : null}
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {saved ? <Notice kind="ok">{t('entrySaved')}</Notice> : null}
        <Button className="btn btn--block" disabled={disabledIf(submit.busy || uploading)} onClick={() => void save()}>
          {t('saveEntry')}
        </Button>
      </View>
    </View>
  )
}
