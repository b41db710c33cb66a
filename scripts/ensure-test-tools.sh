#!/usr/bin/env bash
# System tools the tests use to read what Guanxi prints and shows as a person would: pdftotext (the
# text of a PDF, with word positions) and pdftoppm (a page as a PNG), both from Debian's
# poppler-utils; and Debian's Chromium (with CJK fonts, so Chinese renders in screenshots), which
# the end-to-end tests drive with playwright-core; and Dovecot's IMAP server (dovecot-imapd), which
# the mail tests start on loopback with their own configuration; and HylaFAX (hylafax-server and
# hylafax-client: faxq, hfaxd, sendfax, faxrm), which the fax tests run over a spool of their own.
# Installs what is missing when this runs as root (as on CI), without starting any system service;
# otherwise says what to install.
set -euo pipefail

missing=()
packages=()
for tool in pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -gt 0 ] && packages+=(poppler-utils)
if [ ! -x /usr/bin/chromium ]; then
  missing+=(/usr/bin/chromium)
  packages+=(chromium fonts-noto-cjk)
fi
if [ ! -x "${DOVECOT_BIN:-/usr/sbin/dovecot}" ]; then
  missing+=("${DOVECOT_BIN:-/usr/sbin/dovecot}")
  packages+=(dovecot-imapd)
fi
for tool in /usr/sbin/faxq /usr/sbin/hfaxd /usr/bin/sendfax /usr/bin/faxrm; do
  if [ ! -x "$tool" ]; then
    missing+=("$tool")
    packages+=(hylafax-server hylafax-client)
    break
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian/Ubuntu: 'sudo apt-get install ${packages[*]}'; macOS: 'brew install poppler' and a Chromium at /usr/bin/chromium)." >&2
  exit 1
fi

echo "Installing ${packages[*]} for ${missing[*]}…" >&2
# Packages such as dovecot and hylafax-server would start their system services on install: a
# policy-rc.d that refuses keeps them stopped (the tests run their own), unless one is in place.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
# apt-get install finds nothing on a machine whose package lists were never fetched.
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
