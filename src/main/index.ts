// Wiring of the main process; services arrive with the desktop-shell work.
export {}
