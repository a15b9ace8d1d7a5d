#!/usr/bin/env bash
# Signs .deb packages with gpg, offline. Usage: build/sign-deb.sh FILE.deb [FILE.deb ...]
# Called by the builder config's artifactBuildCompleted hook for every .deb, and usable by hand.
#
# Why, and what it does NOT do: apt does not check signatures inside a .deb; what protects users is a
# gpg-signed intranet APT repository (Release/InRelease, see build/README.md) and, on UOS/Kylin, the
# vendor's own signing programme. An embedded signature still lets an auditor run `dpkg-sig --verify`
# or `debsig-verify` on a package found on a USB stick.
#
# Environment: ZONEDESK_GPG_KEY = key id / fingerprint in the build user's keyring (never a key file in
# the repository). Uses dpkg-sig when installed, else debsigs. Neither tool or no key: a LOUD warning
# "未签名构建" and exit 0, so test builds still finish but nobody mistakes them for signed ones.
# A configured key that fails to sign exits 1.
set -u

warn_unsigned() {
  local reason="$1"; shift
  local bar; bar=$(printf '#%.0s' $(seq 1 78))
  {
    echo
    echo "$bar"
    echo "##  警告：未签名构建！ / WARNING: UNSIGNED BUILD!"
    echo "##  ${reason}"
    echo "##  以下 .deb 没有 gpg 签名，仅可用于内部测试。 / These .deb files are NOT gpg-signed:"
    for f in "$@"; do echo "##    $f"; done
    echo "##  见 build/README.md「签名 / Signing」。"
    echo "$bar"
    echo
  } >&2
}

if [ "$#" -eq 0 ]; then
  echo "用法 / usage: $0 FILE.deb [FILE.deb ...]" >&2
  exit 2
fi

for f in "$@"; do
  if [ ! -f "$f" ]; then echo "找不到文件 / no such file: $f" >&2; exit 2; fi
done

if [ -z "${ZONEDESK_GPG_KEY:-}" ]; then
  warn_unsigned "未设置 ZONEDESK_GPG_KEY。 / ZONEDESK_GPG_KEY is not set." "$@"
  exit 0
fi

if command -v dpkg-sig >/dev/null 2>&1; then
  for f in "$@"; do
    dpkg-sig -k "$ZONEDESK_GPG_KEY" --sign builder "$f" || { echo "dpkg-sig 签名失败 / failed: $f" >&2; exit 1; }
    dpkg-sig --verify "$f" || { echo "dpkg-sig 校验失败 / verify failed: $f" >&2; exit 1; }
  done
elif command -v debsigs >/dev/null 2>&1; then
  for f in "$@"; do
    debsigs --sign=origin -k "$ZONEDESK_GPG_KEY" "$f" || { echo "debsigs 签名失败 / failed: $f" >&2; exit 1; }
  done
else
  warn_unsigned "未安装 dpkg-sig 或 debsigs（apt-get install debsigs）。 / Neither dpkg-sig nor debsigs is installed." "$@"
  exit 0
fi
echo "已签名 / signed: $*"
