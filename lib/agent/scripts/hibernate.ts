import { bash } from "./bash";
import { SCRIPT_COMMON } from "./common";

// Scripts that move a hibernation image between a machine and an object store. URLs are presigned by
// the app and arrive base64url-encoded (see shell.ts), so the bytes go straight between the machine
// and the bucket and no credential ever reaches the machine.

const IMAGE_HELPERS = bash`
valid_id() { case "$1" in ''|*[!A-Za-z0-9_.-]*) return 1;; *) return 0;; esac; }
b64url_decode() {
  local s="$1"; s="$(printf '%s' "$s" | tr '_-' '/+')"
  case $(( @{#s} % 4 )) in 2) s="$s==";; 3) s="$s=";; esac
  printf '%s' "$s" | base64 -d 2>/dev/null
}
CK="$HOME/.dumont/checkpoints"
HB="$HOME/.dumont/hibernate"
`;

/**
 * Pack: the CRIU image directories of a hibernation into one archive, zstd (gzip when zstd is
 * missing), with its size and SHA-256. Arguments: hibernation id, then each image directory's id.
 */
export const PACK_SCRIPT =
  SCRIPT_COMMON +
  IMAGE_HELPERS +
  bash`
hid="@{1:-}"; [ $# -gt 0 ] && shift
printf '@@begin pack v1\n'
valid_id "$hid" && [ $# -gt 0 ] || abort bad_arguments
raw=0
for id in "$@"; do
  valid_id "$id" || abort bad_arguments
  [ -d "$CK/$id" ] || abort no_image "$CK/$id"
  raw=$(( raw + $(du -sb --apparent-size "$CK/$id" | awk '{print $1}') ))
done
emit raw_bytes "$raw"
mkdir -p "$HB" || abort pack_failed "cannot create $HB"
rm -f "$HB/$hid".tar.*
t0="$(now_ms)"
if command -v zstd >/dev/null 2>&1; then
  ext=tar.zst; tar -C "$CK" -cSf - "$@" | zstd -q -T0 -3 -f -o "$HB/$hid.$ext" || abort pack_failed "tar | zstd failed"
else
  ext=tar.gz; tar -C "$CK" -cSf - "$@" | gzip -1 > "$HB/$hid.$ext" || abort pack_failed "tar | gzip failed"
fi
emit pack_ms "$(( $(now_ms) - t0 ))"
emit ext "$ext"
emit image_bytes "$(stat -c %s "$HB/$hid.$ext")"
emit sha256 "$(sha256sum "$HB/$hid.$ext" | cut -d' ' -f1)"
printf '@@end rc=0\n'
`;

/**
 * Upload parts: for each (part number, presigned URL), cut the part from the archive, PUT it, and
 * print "part=<n> <bytes> <ms> <etag> <md5>" as soon as it is stored (the progress bar follows these
 * lines; the app checks each ETag against the MD5 the machine computed).
 * Arguments: hibernation id, extension id (tar.zst), part size in bytes, then pairs of part number
 * and base64url URL.
 */
export const UPLOAD_PARTS_SCRIPT =
  SCRIPT_COMMON +
  IMAGE_HELPERS +
  bash`
hid="@{1:-}"; ext="@{2:-}"; ps="@{3:-}"; [ $# -ge 3 ] && shift 3
printf '@@begin upload v1\n'
valid_id "$hid" && valid_id "$ext" && is_uint "$ps" && [ "$ps" -gt 0 ] || abort bad_arguments
f="$HB/$hid.$ext"
[ -f "$f" ] || abort no_image "$f"
command -v curl >/dev/null 2>&1 || abort tool_missing curl
size="$(stat -c %s "$f")"
tmp="$HB/.part.$$"
trap 'rm -f "$tmp" "$tmp.h"' EXIT
while [ $# -ge 2 ]; do
  n="$1"; url="$(b64url_decode "$2")"; shift 2
  is_uint "$n" && [ "$n" -ge 1 ] && [ -n "$url" ] || abort bad_arguments
  off=$(( (n - 1) * ps )); len=$(( size - off )); [ "$len" -gt "$ps" ] && len="$ps"
  [ "$len" -ge 0 ] || abort bad_arguments
  t0="$(now_ms)"
  dd if="$f" of="$tmp" bs=4M iflag=skip_bytes,count_bytes skip="$off" count="$len" status=none || abort upload_failed "cannot read part $n"
  md5="$(md5sum "$tmp" | cut -d' ' -f1)"
  code="$(curl -sS -X PUT -T "$tmp" -H 'Content-Type:' -D "$tmp.h" -o /dev/null -w '%{http_code}' --retry 3 --retry-all-errors "$url" 2>&1)"
  [ "$code" = 200 ] || abort upload_failed "part $n: HTTP $code"
  etag="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *"\{0,1\}\([^"[:space:]]*\)"\{0,1\}.*$/\1/p' "$tmp.h" | head -n 1)"
  printf 'part=%s %s %s %s %s\n' "$n" "$len" "$(( $(now_ms) - t0 ))" "@{etag:-none}" "$md5"
done
printf '@@end rc=0\n'
`;

/**
 * Download: GET the archive from a presigned URL, printing "progress=<bytes>" while it arrives, then
 * its size and SHA-256. Arguments: hibernation id, extension id, base64url URL.
 */
export const DOWNLOAD_SCRIPT =
  SCRIPT_COMMON +
  IMAGE_HELPERS +
  bash`
hid="@{1:-}"; ext="@{2:-}"; url="$(b64url_decode "@{3:-}")"
printf '@@begin download v1\n'
valid_id "$hid" && valid_id "$ext" && [ -n "$url" ] || abort bad_arguments
command -v curl >/dev/null 2>&1 || abort tool_missing curl
mkdir -p "$HB" || abort download_failed "cannot create $HB"
f="$HB/$hid.$ext"; rm -f "$f"
t0="$(now_ms)"
curl -sS -f --retry 3 --retry-all-errors -o "$f" "$url" 2>"$f.err" &
cp=$!
while kill -0 "$cp" 2>/dev/null; do
  printf 'progress=%s\n' "$(stat -c %s "$f" 2>/dev/null || echo 0)"
  sleep 0.1
done
wait "$cp" || abort download_failed "$(head -c 300 "$f.err")"
rm -f "$f.err"
emit download_ms "$(( $(now_ms) - t0 ))"
emit image_bytes "$(stat -c %s "$f")"
emit sha256 "$(sha256sum "$f" | cut -d' ' -f1)"
printf '@@end rc=0\n'
`;

/**
 * Unpack: check the archive's SHA-256 against the one taken when it was packed, then unpack the CRIU
 * image directories where the restore script looks for them. Arguments: hibernation id, extension
 * id, expected SHA-256 (hex).
 */
export const UNPACK_SCRIPT =
  SCRIPT_COMMON +
  IMAGE_HELPERS +
  bash`
hid="@{1:-}"; ext="@{2:-}"; want="@{3:-}"
printf '@@begin unpack v1\n'
valid_id "$hid" && valid_id "$ext" && valid_id "$want" || abort bad_arguments
f="$HB/$hid.$ext"
[ -f "$f" ] || abort no_image "$f"
got="$(sha256sum "$f" | cut -d' ' -f1)"
[ "$got" = "$want" ] || abort checksum_mismatch "expected $want, got $got"
mkdir -p "$CK" || abort unpack_failed "cannot create $CK"
case "$ext" in
  tar.zst) zstd -q -d -c "$f" | tar -C "$CK" -xSf - || abort unpack_failed "zstd | tar failed";;
  tar.gz) gzip -d -c "$f" | tar -C "$CK" -xSf - || abort unpack_failed "gzip | tar failed";;
  *) abort bad_arguments;;
esac
rm -f "$f"
printf '@@end rc=0\n'
`;
