#!/usr/bin/env bash
# Rebuilds every plugin module from its source (C or Embedded Swift) and refreshes the sha256 line of its
# plugin.yaml. Nothing else is touched.
#
#   Plugins/build.sh                  rebuild every plugin folder (or: Plugins/build.sh NAME...)
#   Plugins/build.sh --check [NAME…]  rebuild into a temporary directory and fail (exit 1, naming the plugin) if a
#                                     committed module differs byte for byte or its manifest sha256 is stale
#
# Needs on PATH: clang and wasm-ld (with the wasm32 target) and, for Swift plugins, swiftc with the Embedded
# Swift standard library (Swift 6.3 toolchains ship both).
set -euo pipefail

PLUGINS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SDK="$PLUGINS_DIR/sdk"
MAX_MEMORY=4194304   # 64 pages: every module declares this maximum (plugin.yaml max_memory_pages: 64)
CFLAGS=(--target=wasm32 -nostdlib -Os -Wall -Wextra -Werror -ffile-prefix-map="$PLUGINS_DIR"=Plugins)
SWIFTFLAGS=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -Osize -parse-as-library
    -Xcc -fno-stack-protector -Xfrontend -disable-stack-protector)
LDFLAGS=(-z stack-size=16384 --no-entry --export=alloc --export=evaluate --max-memory=$MAX_MEMORY --strip-all)

check=0
if [[ "${1:-}" == "--check" ]]; then
    check=1
    shift
fi

manifest_value() { # manifest_value FILE KEY → the value of a top-level "KEY: value" line
    sed -n "s/^$2:[[:space:]]*\\([^[:space:]#]*\\).*/\\1/p" "$1" | head -n 1
}

# build NAME OUT: compiles Plugins/NAME from source into the file OUT.
build() {
    local name="$1" out="$2" dir="$PLUGINS_DIR/$1" work
    work="$(mktemp -d)"
    shopt -s nullglob
    local c_sources=("$dir"/*.c) swift_sources=("$dir"/*.swift)
    shopt -u nullglob
    if ((${#c_sources[@]} > 0)); then
        local objects=()
        for source in "${c_sources[@]}"; do
            clang "${CFLAGS[@]}" -c "$source" -o "$work/$(basename "$source" .c).o"
            objects+=("$work/$(basename "$source" .c).o")
        done
        wasm-ld "${LDFLAGS[@]}" "${objects[@]}" -o "$out"
    elif ((${#swift_sources[@]} > 0)); then
        (cd "$work" && swiftc "${SWIFTFLAGS[@]}" -module-name "$(echo "$name" | tr -c 'A-Za-z0-9\n' '_')" \
            "${swift_sources[@]}" "$SDK/swift/TenderPlugin.swift" -c -o plugin.o)
        clang "${CFLAGS[@]}" -c "$SDK/swift/shim.c" -o "$work/shim.o"
        wasm-ld "${LDFLAGS[@]}" "$work/plugin.o" "$work/shim.o" -o "$out"
    else
        echo "error: Plugins/$name has no .c or .swift source to build" >&2
        rm -rf "$work"
        return 1
    fi
    rm -rf "$work"
}

plugins=("$@")
if ((${#plugins[@]} == 0)); then
    for manifest in "$PLUGINS_DIR"/*/plugin.yaml; do
        plugins+=("$(basename "$(dirname "$manifest")")")
    done
fi

failed=0
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for name in "${plugins[@]}"; do
    manifest="$PLUGINS_DIR/$name/plugin.yaml"
    if [[ ! -f "$manifest" ]]; then
        echo "error: Plugins/$name/plugin.yaml not found" >&2
        failed=1
        continue
    fi
    module="$(manifest_value "$manifest" module)"
    module="${module:-$name.wasm}"
    built="$scratch/$name.wasm"
    if ! build "$name" "$built"; then
        echo "error: Plugins/$name failed to build" >&2
        failed=1
        continue
    fi
    sha="$(sha256sum "$built" | cut -d ' ' -f 1)"
    if ((check)); then
        if ! cmp -s "$built" "$PLUGINS_DIR/$name/$module"; then
            echo "error: Plugins/$name/$module differs from a fresh build of its source; run Plugins/build.sh $name" >&2
            failed=1
        elif [[ "$(manifest_value "$manifest" sha256)" != "$sha" ]]; then
            echo "error: Plugins/$name/plugin.yaml sha256 is stale (module is $sha); run Plugins/build.sh $name" >&2
            failed=1
        else
            echo "ok: Plugins/$name/$module ($sha)"
        fi
    else
        cp "$built" "$PLUGINS_DIR/$name/$module"
        sed -i.bak "s/^sha256:.*/sha256: $sha/" "$manifest" && rm -f "$manifest.bak"
        echo "built: Plugins/$name/$module ($sha)"
    fi
done
exit $failed
