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
set -o pipefail
# Level 1: GPU memory is mostly incompressible, and a faster level keeps packing off the critical path.
# The checksum is taken in the same pass (tee), not by reading the archive again.
if command -v zstd >/dev/null 2>&1; then
  ext=tar.zst; tar -C "$CK" -cSf - "$@" | zstd -q -T0 -1 -c | tee "$HB/$hid.$ext" | sha256sum > "$HB/$hid.sha" || abort pack_failed "tar | zstd failed"
else
  ext=tar.gz; tar -C "$CK" -cSf - "$@" | gzip -1 | tee "$HB/$hid.$ext" | sha256sum > "$HB/$hid.sha" || abort pack_failed "tar | gzip failed"
fi
emit pack_ms "$(( $(now_ms) - t0 ))"
emit ext "$ext"
emit image_bytes "$(stat -c %s "$HB/$hid.$ext")"
emit sha256 "$(cut -d' ' -f1 "$HB/$hid.sha")"
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
dir="$HB/.parts.$$"; mkdir -p "$dir" || abort upload_failed "cannot create $dir"
trap 'rm -rf "$dir"' EXIT
# One part: read once (tee into md5sum), PUT, print its line (one short printf: lines never interleave).
put_part() {
  local n="$1" url="$2" off len t0 md5 code etag tmp="$dir/$1"
  off=$(( (n - 1) * ps )); len=$(( size - off )); [ "$len" -gt "$ps" ] && len="$ps"
  t0="$(now_ms)"
  md5="$(dd if="$f" bs=4M iflag=skip_bytes,count_bytes skip="$off" count="$len" status=none | tee "$tmp" | md5sum | cut -d' ' -f1)"
  code="$(curl -sS -X PUT -T "$tmp" -H 'Content-Type:' -D "$tmp.h" -o /dev/null -w '%{http_code}' --retry 3 --retry-all-errors "$url" 2>&1)"
  if [ "$code" != 200 ]; then printf 'failed=part %s: HTTP %s\n' "$n" "$(printf '%s' "$code" | tr '\n' ' ' | head -c 200)"; rm -f "$tmp" "$tmp.h"; return 1; fi
  etag="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *"\{0,1\}\([^"[:space:]]*\)"\{0,1\}.*$/\1/p' "$tmp.h" | head -n 1)"
  rm -f "$tmp" "$tmp.h"
  printf 'part=%s %s %s %s %s\n' "$n" "$len" "$(( $(now_ms) - t0 ))" "@{etag:-none}" "$md5"
}
# Up to 4 parts in flight: one TCP stream rarely fills a machine's link to object storage.
running=0; bad=0
while [ $# -ge 2 ]; do
  n="$1"; url="$(b64url_decode "$2")"; shift 2
  is_uint "$n" && [ "$n" -ge 1 ] && [ -n "$url" ] && [ $(( (n - 1) * ps )) -lt "$size" -o "$n" = 1 ] || abort bad_arguments
  put_part "$n" "$url" &
  running=$(( running + 1 ))
  if [ "$running" -ge 4 ]; then wait -n || bad=1; running=$(( running - 1 )); fi
done
while [ "$running" -gt 0 ]; do wait -n || bad=1; running=$(( running - 1 )); done
[ "$bad" = 0 ] || abort upload_failed "a part could not be stored"
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
f="$HB/$hid.$ext"; rm -f "$f" "$f.sha"
t0="$(now_ms)"
# The checksum is taken as the bytes arrive (tee), not by reading the file again afterwards.
( set -o pipefail; curl -sS -f --retry 3 --retry-all-errors "$url" 2>"$f.err" | tee "$f" | sha256sum > "$f.sha" ) &
cp=$!
while kill -0 "$cp" 2>/dev/null; do
  printf 'progress=%s\n' "$(stat -c %s "$f" 2>/dev/null || echo 0)"
  sleep 0.1
done
wait "$cp" || abort download_failed "$(head -c 300 "$f.err")"
rm -f "$f.err"
emit download_ms "$(( $(now_ms) - t0 ))"
emit image_bytes "$(stat -c %s "$f")"
emit sha256 "$(cut -d' ' -f1 "$f.sha")"
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
# The download recorded the archive's checksum as it arrived; hash again only when it did not.
if [ -f "$f.sha" ]; then got="$(cut -d' ' -f1 "$f.sha")"; else got="$(sha256sum "$f" | cut -d' ' -f1)"; fi
[ "$got" = "$want" ] || abort checksum_mismatch "expected $want, got $got"
mkdir -p "$CK" || abort unpack_failed "cannot create $CK"
case "$ext" in
  tar.zst) zstd -q -d -c "$f" | tar -C "$CK" -xSf - || abort unpack_failed "zstd | tar failed";;
  tar.gz) gzip -d -c "$f" | tar -C "$CK" -xSf - || abort unpack_failed "gzip | tar failed";;
  *) abort bad_arguments;;
esac
rm -f "$f" "$f.sha"
printf '@@end rc=0\n'
`;
