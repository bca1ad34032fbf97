/** The bar across the top of the signed-in screens: the mark on the left, whatever is passed on the right. */
import type { ReactNode } from 'react'
import { LogoMark } from './icons'

export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <LogoMark size={26} />
        <span className="app-header__title">Parley</span>
      </div>
      <div className="app-header__end">{children}</div>
    </header>
  )
}
