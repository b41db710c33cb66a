#!/usr/bin/env bash
# System tools the tests use to read what Guanxi prints as a person would: pdftotext (the text of
# a PDF, with word positions) and pdftoppm (a page as a PNG), both from Debian's poppler-utils.
# Installs them when missing and this runs as root (as on CI); otherwise says what to install.
set -euo pipefail

missing=()
for tool in pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian/Ubuntu: 'sudo apt-get install poppler-utils'; macOS: 'brew install poppler')." >&2
  exit 1
fi

echo "Installing poppler-utils for ${missing[*]}…" >&2
# apt-get install finds nothing on a machine whose package lists were never fetched.
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >&2
