#!/bin/sh
# Prints the handbook's public address, ending with "/": $SOTAY_SITE_URL when set (in the
# workflows, the repository variable of that name), otherwise the repository's GitHub Pages
# address, https://<owner>.github.io/<repo>/ (Pages serves owners in lower case; a repository
# named <owner>.github.io is served at the root). Reads the runner's GITHUB_REPOSITORY.
set -eu
url="${SOTAY_SITE_URL:-}"
if [ -z "$url" ]; then
  owner=$(printf '%s' "${GITHUB_REPOSITORY%%/*}" | tr '[:upper:]' '[:lower:]')
  repo="${GITHUB_REPOSITORY#*/}"
  if [ "$(printf '%s' "$repo" | tr '[:upper:]' '[:lower:]')" = "$owner.github.io" ]; then
    url="https://$owner.github.io/"
  else
    url="https://$owner.github.io/$repo/"
  fi
fi
case "$url" in
  http://*|https://*) ;;
  *) echo "SOTAY_SITE_URL phải bắt đầu bằng https:// (đang là '$url')" >&2; exit 1 ;;
esac
case "$url" in
  */) printf '%s\n' "$url" ;;
  *) printf '%s/\n' "$url" ;;
esac
