#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 the Montage authors; see LICENSE.
# The sidecar schema is declared once (cache/sidecar_schema.c); this test
# fails on any drift from it:
#   doc       the tables of doc/montage-sidecar.5 are the ones
#             tests/tools/sidecar_schema_doc prints from the schema
#   keys_*    a sidecar written with every optional part has exactly the
#             schema's keys, each with the schema's msgpack type
#   reader_*  for every key: deleted, the reader refuses the file naming the
#             key when the schema says required and reads it otherwise;
#             retyped, it refuses it naming the key (keys it does not read:
#             accepted)
# `sh tests/cache/test_schema.sh --update` rewrites the page's generated
# tables after a change of the schema (the prose around them stays).
set -u
. "$(dirname "$0")/../lib.sh"
CLI=${CLI:-$BUILD/montage-sidecar}
SAMPLE=${SAMPLE:-$BUILD/tools/sidecar_sample}
DOC_TOOL=${DOC_TOOL:-$BUILD/tools/sidecar_schema_doc}
PAGE=$ROOT/doc/montage-sidecar.5

# The page with each generated block replaced by the tool's (stdin: the
# tool's output). Blocks run from ".\" schema ... NAME: generated" to
# ".\" end of schema ... NAME".
merge_page() {
    awk '
        FNR == NR {
            if ($0 ~ /^\.\\" schema (table|list) .*: generated/) { name = $4; sub(/:$/, "", name) }
            if (name != "") block[name] = block[name] $0 "\n"
            if ($0 ~ /^\.\\" end of schema/) name = ""
            next
        }
        /^\.\\" schema (table|list) .*: generated/ {
            name = $4; sub(/:$/, "", name); printf "%s", block[name]; skip = 1; next
        }
        skip && /^\.\\" end of schema/ { skip = 0; next }
        !skip { print }
    ' - "$PAGE"
}

"$DOC_TOOL" > "$T/generated" || { fail doc "sidecar_schema_doc failed"; finish; }
if [ "${1:-}" = "--update" ]; then
    merge_page < "$T/generated" > "$T/page" && cp "$T/page" "$PAGE" && echo "updated $PAGE"
    exit $?
fi

# doc: every generated block is in the page, in the tool's order, unchanged
sed -n '/^\.\\" schema \(table\|list\) .*: generated/,/^\.\\" end of schema/p' "$PAGE" > "$T/in_page"
if diff -u "$T/generated" "$T/in_page" > "$T/doc.diff"; then
    ok doc
else
    fail doc "doc/montage-sidecar.5 differs from the schema (sh tests/cache/test_schema.sh --update): $(head -n 12 "$T/doc.diff" | tr '\n' ' ')"
fi

"$DOC_TOOL" --keys > "$T/keys"
printf 'media bytes' > "$T/clip.mp4"
"$SAMPLE" scene "$T/scene.msgpack" --features 4x3 --media "$T/clip.mp4" --duration 4
"$SAMPLE" beat "$T/beat.msgpack" --media "$T/clip.mp4" --duration 3

"$PYTHON" - "$T" "$CLI" <<'PYEOF'
import os, subprocess, sys
import msgpack

tmp, cli = sys.argv[1], sys.argv[2]
keys = [line.split() for line in open(os.path.join(tmp, "keys"))]
PACKED = {"dtype", "shape", "data"}

def schema_for(kind):
    """path -> (type, presence) of the keys a sidecar of this kind has."""
    out, gone = {}, []
    for path, typ, presence, only in keys:
        if only not in ("any", kind) or any(path.startswith(g + ".") for g in gone):
            if only not in ("any", kind):
                gone.append(path)
            continue
        out[path] = (typ, presence)
    return out

def type_of(v, typ):
    if isinstance(v, bool): return "bool"
    if isinstance(v, int): return "int"
    if isinstance(v, float): return "float"
    if v is None: return "nil"
    if isinstance(v, str): return "str"
    if isinstance(v, dict): return "packed" if typ == "packed" and PACKED <= set(v) else "map"
    if isinstance(v, list):
        if typ == "pair" and len(v) == 2 and all(type(x) is int for x in v): return "pair"
        if typ == "strs" and all(isinstance(x, str) for x in v): return "strs"
        if typ == "maps" and all(isinstance(x, dict) for x in v): return "maps"
        return "array"
    return type(v).__name__

def walk(obj, schema, where, found, bad):
    for k, v in obj.items():
        path = where + "." + k if where else k
        typ = schema.get(path, ("?",))[0]
        got = type_of(v, typ)
        found.add(path)
        if got != typ and not (typ == "str" and got == "nil"):
            bad.append("%s is %s, schema says %s" % (path, got, typ))
        if path == "config":
            continue  # option names are the filters', not the schema's
        if got == "map" or got == "packed":
            inner = {a: b for a, b in v.items() if got != "packed" or a not in PACKED}
            walk(inner, schema, path, found, bad)
        elif got == "maps":
            for e in v:
                walk(e, schema, path + "[]", found, bad)

def read(data, name):
    f = os.path.join(tmp, name)
    with open(f, "wb") as fh:
        fh.write(data)
    p = subprocess.run([cli, "show", f], capture_output=True, text=True)
    return p.returncode, p.stderr.strip()

def at(path):
    """msgpack path with [] as element 0: list of dict keys / indexes."""
    steps = []
    for part in path.split("."):
        if part.endswith("[]"):
            steps += [part[:-2], 0]
        else:
            steps.append(part)
    return steps

failed = 0
def report(name, problems):
    global failed
    if problems:
        failed += 1
        print("FAIL %s: %s" % (name, "; ".join(problems[:6])))
    else:
        print("ok %s" % name)

WRONG = {"int": "x", "float": "x", "bool": 1, "str": 1, "pair": "x", "map": "x",
         "maps": "x", "strs": "x", "packed": "x"}

for kind in ("scene", "beat"):
    raw = open(os.path.join(tmp, kind + ".msgpack"), "rb").read()
    doc = msgpack.unpackb(raw, raw=False)
    schema = schema_for(kind)
    found, bad = set(), []
    walk(doc, schema, "", found, bad)
    missing = sorted(set(schema) - found)
    extra = sorted(found - set(schema))
    report("keys_" + kind, bad + ["not written: " + p for p in missing] +
           ["not in the schema: " + p for p in extra])

    problems = []
    for path, (typ, presence) in schema.items():
        steps = at(path)
        shown = path.replace("[]", "[0]")
        for change in ("delete", "retype"):
            d = msgpack.unpackb(raw, raw=False)
            parent = d
            try:
                for s in steps[:-1]:
                    parent = parent[s]
                parent[steps[-1]]
            except (KeyError, IndexError, TypeError):
                continue  # not written: keys_* says so
            if change == "delete":
                del parent[steps[-1]]
                refuse = presence == "required"
            else:
                parent[steps[-1]] = WRONG[typ]
                refuse = presence != "not-read"
            rc, err = read(msgpack.packb(d, use_bin_type=True), "mutated.msgpack")
            if refuse and (rc == 0 or "'%s'" % shown not in err):
                problems.append("%s %s: expected a refusal naming it, got exit %d %s" % (change, path, rc, err))
            if not refuse and rc != 0:
                problems.append("%s %s (%s): expected it read, got %s" % (change, path, presence, err))
    report("reader_" + kind, problems)
sys.exit(1 if failed else 0)
PYEOF
[ $? -eq 0 ] || failures=$((failures + 1))
finish
