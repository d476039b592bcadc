import { Button, Text } from '@tarojs/components'
import { useT } from '@/core/i18n'
import { disabledIf } from '@/ui/disabled'
import { common } from '@/ui/messages'
import type { Pages } from './usePages'
import './More.scss'

/** The end of a paged list: "show more" while pages remain, then a sentence saying the list is complete. */
export function More({ pages }: { pages: Pick<Pages<unknown>, 'items' | 'hasMore' | 'loading' | 'more'> }) {
  const t = useT(common)
  if (pages.items === undefined) return null
  if (pages.hasMore) {
    return (
      <Button className="btn btn--ghost btn--block more" disabled={disabledIf(pages.loading)} onClick={() => void pages.more()}>
        {pages.loading ? t('loadingMore') : t('loadMore')}
      </Button>
    )
  }
  return pages.items.length > 0 ? <Text className="muted more__end">{t('listEnd')}</Text> : null
}
