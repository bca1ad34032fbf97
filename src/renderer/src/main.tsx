/**
 * Renderer entry: picks the host (the preload's bridge in the desktop app, the web host in a
 * browser) and renders the app with it.
 */
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { BRIDGE_GLOBAL, type Bridge } from '../../shared/bridge'
import { createWebBridge } from './host/web-bridge'
import { App } from './App'
import { applyStartingLanguage } from './ui/common/i18n'
import { i18n } from './ui/common/translator'
import './styles/app.css'

const hostBridge: Bridge | undefined = window[BRIDGE_GLOBAL]
const bridge: Bridge = hostBridge ?? createWebBridge(window.location)

const root = document.getElementById('root')
if (root) {
  applyStartingLanguage()
  // No StrictMode: its development double-mount would dispose the session's one call engine.
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <App bridge={bridge} isDesktop={hostBridge !== undefined} />
    </I18nextProvider>,
  )
}
