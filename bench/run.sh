#!/usr/bin/env bash
# Benchmark: build synthetic trilingual sites with Bayan (and Hugo, when installed) and report
# pages, wall seconds, pages per second and peak memory. See bench/README.md.
#
#   bench/run.sh                    # N = 1000 and 5000 pages per language
#   bench/run.sh 200 2000           # other sizes
#   bench/run.sh --repeat 3 1000    # median of 3 runs of each build
#   bench/run.sh --install-hugo     # apt-get install -y hugo first (as root)
#   bench/run.sh --no-hugo          # Bayan only
set -euo pipefail

usage() {
    sed -n '2,/^[^#]/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
}

sizes=()
repeat=1
install_hugo=0
use_hugo=1
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --install-hugo) install_hugo=1 ;;
        --no-hugo) use_hugo=0 ;;
        --repeat) repeat="${2:?--repeat needs a number}"; shift ;;
        --repeat=*) repeat="${1#*=}" ;;
        --keep) keep=1 ;;  # keep the temporary folder, for looking at the output
        -h|--help) usage; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000)
for n in "${sizes[@]}"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "run.sh: page count must be a positive number, not '$n'" >&2; exit 2; }
done
[[ "$repeat" =~ ^[0-9]+$ && "$repeat" -gt 0 ]] || { echo "run.sh: --repeat needs a positive number" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# --- Tools -------------------------------------------------------------------------------------
if [[ $install_hugo -eq 1 ]]; then
    if is_root && command -v apt-get >/dev/null; then
        echo "== Installing hugo (apt-get)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
    else
        echo "run.sh: --install-hugo needs root and apt-get; install Hugo yourself" >&2
        exit 1
    fi
fi

timer=""
if [[ ! -x /usr/bin/time ]] && is_root && command -v apt-get >/dev/null; then
    echo "== Installing GNU time (apt-get install time) to measure peak memory"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; } \
        || true
fi
if [[ "${BENCH_TIMER:-}" == python ]]; then  # for trying the fallback
    timer="python"
elif [[ -x /usr/bin/time ]] && /usr/bin/time -f "%e %M" -o /dev/null true 2>/dev/null; then
    timer="gnu"
else
    timer="python"
fi

echo "== cargo build --release"
cargo build --release --quiet
built="${CARGO_TARGET_DIR:-$repo/target}/release/bayan"
[[ -x "$built" ]] || { echo "run.sh: $built was not built" >&2; exit 1; }
revision="$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"

hugo_bin=""
hugo_pagination="paginate"
if [[ $use_hugo -eq 1 ]] && command -v hugo >/dev/null; then
    hugo_bin="$(command -v hugo)"
    hugo_version="$("$hugo_bin" version | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -1)"
    # Hugo 0.128 replaced `paginate = 20` with `[pagination] pagerSize = 20`.
    minor="$(echo "$hugo_version" | cut -d. -f2)"
    major="$(echo "$hugo_version" | cut -d. -f1 | tr -d v)"
    if [[ "$major" -gt 0 || "$minor" -ge 128 ]]; then hugo_pagination="pagination"; fi
elif [[ $use_hugo -eq 1 ]]; then
    echo "== hugo is not on PATH: measuring Bayan only (bench/run.sh --install-hugo installs it)"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/bayan-bench.XXXXXX")"
cleanup() {
    if [[ $keep -eq 1 ]]; then echo "== kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A copy of the binary: a `cargo build` elsewhere during the run cannot swap it mid-way.
bayan="$tmp/bayan"
cp "$built" "$bayan"

# measure LOG -- COMMAND...: runs COMMAND, its output in LOG; prints
# "WALL_SECONDS MAX_RSS_KB CPU_SECONDS" (CPU = user + system, over all threads).
measure() {
    local log="$1"; shift; shift
    local status=0
    if [[ "$timer" == gnu ]]; then
        /usr/bin/time -f "%e %M %U %S" -o "$tmp/time.out" "$@" >"$log" 2>&1 || status=$?
    else
        python3 - "$tmp/time.out" "$@" >"$log" 2>&1 <<'PY' || status=$?
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss is in KB on Linux
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d %.2f 0\n" % (wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.exit(code)
PY
    fi
    if [[ $status -ne 0 ]]; then
        echo "run.sh: this command failed with status $status: $*" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    tail -n 1 "$tmp/time.out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}

# HTML pages in an output folder, without Hugo's redirect stubs (/ar/, section/page/1/).
count_pages() {
    local all redirects
    all="$(find "$1" -name index.html -type f | wc -l)"
    redirects="$(grep -rl --include=index.html 'http-equiv="refresh"' "$1" | wc -l || true)"
    echo $((all - redirects))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

results="$tmp/results.tsv"
: >"$results"

# record N TOOL RUN PAGES TIMES_FILE: one row of the table from the repeated measurements.
record() {
    local n="$1" tool="$2" run="$3" pages="$4" file="$5"
    local secs rss_kb cpu
    secs="$(cut -d' ' -f1 "$file" | median)"
    rss_kb="$(cut -d' ' -f2 "$file" | median)"
    cpu="$(cut -d' ' -f3 "$file" | median)"
    awk -v n="$n" -v tool="$tool" -v run="$run" -v p="$pages" -v s="$secs" -v m="$rss_kb" -v c="$cpu" 'BEGIN {
        rate = (s > 0) ? p / s : 0
        printf "%s\t%s\t%s\t%d\t%.2f\t%.0f\t%.0f\t%.2f\n", n, tool, run, p, s, rate, m / 1024, c }' >>"$results"
    tail -n 1 "$results" | awk -F'\t' '{ printf "   %-6s %-5s %6d pages  %7.2f s  %7d pages/s  %6d MB  %6.2f CPU s\n", $2, $3, $4, $5, $6, $7, $8 }'
}

# Nothing is deleted until the script exits: on a file system that delays reusing recently
# freed inodes (ext4 without a journal does so for a minute or more), deleting thousands of
# files just before a cold build would slow that build down. Every cold build gets a new,
# empty output folder instead.
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for n in "${sizes[@]}"; do
    site="$tmp/site-$n"
    echo "== N = $n pages per language: generating"
    python3 "$here/generate.py" --pages "$n" --out "$site" --hugo-out "$site-hugo" \
        --hugo-pagination "$hugo_pagination" $([[ -n "$hugo_bin" ]] || echo --no-hugo)

    # cold = a new, empty output folder; warm = the same build again into the same folder.
    # The tools take turns, so a change in the machine's load affects both alike.
    for t in bayan-cold bayan-warm hugo-cold hugo-warm; do : >"$tmp/$t.times"; done
    for ((r = 1; r <= repeat; r++)); do
        out="$tmp/out-bayan-$n-$r"
        measure "$tmp/bayan.log" -- "$bayan" build --root "$site" --output-dir "$out" >>"$tmp/bayan-cold.times"
        cold_log="$(cat "$tmp/bayan.log")"
        measure "$tmp/bayan.log" -- "$bayan" build --root "$site" --output-dir "$out" >>"$tmp/bayan-warm.times"
        warm_log="$(cat "$tmp/bayan.log")"
        if [[ -n "$hugo_bin" ]]; then
            hout="$tmp/out-hugo-$n-$r"
            measure "$tmp/hugo.log" -- "$hugo_bin" --source "$site-hugo" --destination "$hout" \
                --cacheDir "$tmp/hugo-cache-$n-$r" --quiet >>"$tmp/hugo-cold.times"
            measure "$tmp/hugo.log" -- "$hugo_bin" --source "$site-hugo" --destination "$hout" \
                --cacheDir "$tmp/hugo-cache-$n-$r" --quiet >>"$tmp/hugo-warm.times"
        fi
    done

    reported="$(echo "$cold_log" | grep -oE '^Built [0-9]+ pages' | grep -oE '[0-9]+' || true)"
    pages="$(count_pages "$out")"
    if grep -qiE 'warning|error' <<<"$cold_log"; then
        echo "   Bayan printed warnings:"; grep -iE 'warning|error' <<<"$cold_log" | head -5 | sed 's/^/     /'
    fi
    [[ "$reported" == "$pages" ]] || echo "   note: Bayan reported ${reported:-?} pages, found $pages HTML pages"
    echo "   Bayan: $(echo "$cold_log" | tail -n 1)"
    echo "   Bayan: $(echo "$warm_log" | tail -n 1)"
    record "$n" Bayan cold "$pages" "$tmp/bayan-cold.times"
    record "$n" Bayan warm "$pages" "$tmp/bayan-warm.times"
    bayan_pages="$pages"
    if [[ -n "$hugo_bin" ]]; then
        pages="$(count_pages "$hout")"
        [[ "$pages" == "$bayan_pages" ]] || echo "   note: Hugo wrote $pages HTML pages, Bayan $bayan_pages"
        record "$n" Hugo cold "$pages" "$tmp/hugo-cold.times"
        record "$n" Hugo warm "$pages" "$tmp/hugo-warm.times"
    fi
done

# --- Table -------------------------------------------------------------------------------------
echo
echo "Bayan $("$bayan" --version | awk '{print $2}') ($revision)$([[ -n "$hugo_bin" ]] && echo ", Hugo $hugo_version"); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); median of $repeat run(s); peak memory via $([[ $timer == gnu ]] && echo '/usr/bin/time' || echo 'getrusage')"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (other work on the machine skews the figures)"
echo "cold = empty output folder; warm = the same build again into the same output folder"
echo
printf "| %6s | %-5s | %-4s | %6s | %8s | %8s | %9s | %8s |\n" "N/lang" "tool" "run" "pages" "seconds" "pages/s" "peak MB" "CPU s"
printf "|%s|%s|%s|%s|%s|%s|%s|%s|\n" "-------:" ":------" ":-----" "-------:" "---------:" "---------:" "----------:" "---------:"
awk -F'\t' '{ printf "| %6s | %-5s | %-4s | %6d | %8.2f | %8d | %9d | %8.2f |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$results"

if [[ -n "$hugo_bin" ]]; then
    echo
    echo "Bayan / Hugo (speed: pages/s ratio, above 1 = Bayan faster; memory: peak MB ratio, below 1 = Bayan smaller)"
    awk -F'\t' '
        { key = $1 "\t" $3; rate[$2 "\t" key] = $6; mem[$2 "\t" key] = $7; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
        END {
            for (i = 1; i <= k; i++) {
                split(order[i], part, "\t")
                b = "Bayan\t" order[i]; h = "Hugo\t" order[i]
                if ((h in rate) && rate[h] > 0 && mem[h] > 0)
                    printf "  N = %-6s %-4s  speed %.2fx   memory %.2fx\n", part[1], part[2], rate[b] / rate[h], mem[b] / mem[h]
            }
        }' "$results"
fi
