/**
 * Said when the host keeps the sign-in only in memory. In the desktop app that means no secure
 * keychain was found, which people should know; in a browser tab it is simply how the web works.
 */
import { useTranslation } from 'react-i18next'

export function MemorySessionNotice({ isDesktop }: { isDesktop: boolean }) {
  const { t } = useTranslation()
  if (!isDesktop) {
    return (
      <p className="notice notice--quiet" role="note">
        {t('lobby.memoryTab')}
      </p>
    )
  }
  return (
    <p className="notice" role="note">
      {t('lobby.memoryDesktop')}
    </p>
  )
}
