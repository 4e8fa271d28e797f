#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# The filter pages (doc/montagescene.texi, doc/montagebeat.texi) against the
# filters' own option tables, as `ffmpeg -h filter=NAME` prints them (the
# tables are expanded from analysis/*/..._options.h and
# cache/filter_options.h): every option has an @item in the page's option
# table and every @item there is an option; a numeric or boolean option's
# paragraph gives its default after "Default", and, where it states a
# range, both ends of it.
. "$(dirname "$0")/../lib.sh"
[ -x "$FFMPEG" ] || { fail filter_docs "no $FFMPEG: run make"; finish; }

# FILTER's options, one per line: NAME TYPE DEFAULT MIN MAX ("-" when absent)
filter_options() { # FILTER
    "$FFMPEG" -hide_banner -h "filter=$1" 2>/dev/null | awk '
        /AVOptions:$/ { on = 1; next }
        on && /^   [a-z_]+ +</ {
            name = $1; type = $2; def = "-"; lo = "-"; hi = "-"
            if (match($0, /\(default [^)]*\)/)) def = substr($0, RSTART + 9, RLENGTH - 10)
            if (match($0, /\(from [^)]*\)/)) {
                split(substr($0, RSTART + 6, RLENGTH - 7), r, " to "); lo = r[1]; hi = r[2]
            }
            print name, type, def, lo, hi
        }'
}

# The page's option table as NAME<TAB>PARAGRAPH lines: the @table after "It
# accepts the following options:", each "@item a, b" (and consecutive
# @item lines) sharing the text up to the next named @item, on one line.
doc_options() { # TEXI
    awk '
        /accepts the following options:/ { want = 1; next }
        want && /^@table/ { on = 1; depth = 0; next }
        !on { next }
        /^@(enumerate|itemize|table)/ { depth++ }
        /^@end (enumerate|itemize)/ { depth--; text = text " " $0; next }
        /^@end table/ { if (depth == 0) { flush(); exit } depth--; next }
        depth == 0 && /^@item [a-z_]/ {
            if (text != "") flush()
            line = substr($0, 7); gsub(/,/, " ", line)
            names = names " " line; next
        }
        { text = text " " $0 }
        function flush(   n, i, a) {
            gsub(/[ \t]+/, " ", text)
            n = split(names, a, " ")
            for (i = 1; i <= n; i++) printf "%s\t%s\n", a[i], text
            names = ""; text = ""
        }' "$1"
}

# The text after the first "Default" of a paragraph, up to a sentence end.
default_clause() {
    sed -n 's/.*\(Defaults\{0,1\} .*\)/\1/p' | sed 's/\. .*//; s/\.$//'
}
has_word() { # TEXT WORD
    printf ' %s ' "$1" | tr ',;()' '    ' | grep -qF " $2 "
}

# Prints one "; ..." per difference between FILTER's options and PAGE.
page_problems() { # FILTER PAGE
    filter_options "$1" > "$T/opts"
    doc_options "$2" > "$T/doc"
    if [ ! -s "$T/opts" ] || [ ! -s "$T/doc" ]; then
        echo "; no options read from ffmpeg -h filter=$1 or from the page"
        return
    fi
    while read -r name type def lo hi; do
        if ! cut -f1 "$T/doc" | grep -qx "$name"; then
            echo "; option $name is not documented"
            continue
        fi
        [ "$type" = "<string>" ] && continue
        clause=$(awk -F '\t' -v n="$name" '$1 == n { print $2; exit }' "$T/doc" | default_clause)
        if [ -z "$clause" ]; then
            echo "; $name: no \"Default\" in its paragraph"
        elif ! has_word "$clause" "$def"; then
            echo "; $name: default $def not in \"$clause\""
        elif [ "$lo" != "-" ] && printf '%s' "$clause" | grep -q 'range' &&
             { ! has_word "$clause" "$lo" || ! has_word "$clause" "$hi"; }; then
            echo "; $name: range $lo to $hi not in \"$clause\""
        fi
    done < "$T/opts"
    for name in $(cut -f1 "$T/doc"); do
        awk -v n="$name" '$1 == n { found = 1 } END { exit !found }' "$T/opts" ||
            echo "; $name is documented but is no option"
    done
}

for filter in montagescene montagebeat; do
    problems=$(page_problems "$filter" "$ROOT/doc/$filter.texi" | tr -d '\n')
    if [ -z "$problems" ]; then ok "filter_docs_$filter"
    else fail "filter_docs_$filter" "doc/$filter.texi drifted from the filter's options$problems"; fi
done

# The check must see a drift: a page with a wrong threshold default.
sed 's/cuts\. Default 0\.25,/cuts. Default 0.3,/' "$ROOT/doc/montagescene.texi" > "$T/drift.texi"
expect_eq filter_docs_sees_drift "$(page_problems montagescene "$T/drift.texi" | tr -d '\n')" \
    '; threshold: default 0.25 not in "Default 0.3, range 0.01 to 1"'
finish
