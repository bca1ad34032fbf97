// The typed bridge arrives with the desktop-shell work.
export {}
