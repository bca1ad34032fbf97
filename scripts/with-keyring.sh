#!/usr/bin/env sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the keychain
# tests reach a real Secret Service. Where dbus-run-session or gnome-keyring is missing, the command
# runs as it is and those tests exercise the fallback path instead.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec dbus-run-session -- sh -c 'echo -n parley-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
fi
exec "$@"
