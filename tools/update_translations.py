#!/usr/bin/env python3
"""Refresh a module's .pot and ru.po from an Odoo database where it is installed.

    tools/update_translations.py DB MODULE [--odoo odoo] [--known other.po] [odoo options...]

Exports the current terms with Odoo's own exporter, keeps every Russian
translation already in i18n/ru.po (matched by msgid), and lists the terms that
still need a translation. Odoo reads the .pot beside the .po for the places a
term is used, so both files must be refreshed together.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
RU_HEADER = {
    "Language": "ru",
    "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
    "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}


def export(odoo, db, module, extra, lang=None):
    with tempfile.NamedTemporaryFile(suffix=".po" if lang else ".pot", delete=False) as tmp:
        path = tmp.name
    cmd = [odoo, "-d", db, f"--i18n-export={path}", f"--modules={module}", "--stop-after-init"]
    if lang:
        cmd.append(f"--language={lang}")
    subprocess.run(cmd + extra, check=True, stdout=subprocess.DEVNULL)
    return polib.pofile(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("module")
    parser.add_argument("--odoo", default="odoo")
    parser.add_argument(
        "--known",
        action="append",
        default=[],
        metavar="PO",
        help="another .po file whose translations fill terms ru.po does not have yet "
        "(e.g. the translations written on a branch); repeatable",
    )
    args, extra = parser.parse_known_args()
    i18n = ROOT / "addons" / args.module / "i18n"
    i18n.mkdir(exist_ok=True)
    ru_path = i18n / "ru.po"
    known = {}
    for extra_po in args.known:
        known.update({e.msgid: e.msgstr for e in polib.pofile(extra_po) if e.msgstr})
    if ru_path.exists():
        known.update({e.msgid: e.msgstr for e in polib.pofile(str(ru_path)) if e.msgstr})

    pot = export(args.odoo, args.db, args.module, extra)
    pot.save(str(i18n / f"{args.module}.pot"))

    ru = export(args.odoo, args.db, args.module, extra, lang="ru_RU")
    ru.metadata.update(RU_HEADER)
    missing = []
    for entry in ru:
        if entry.msgid in known:
            entry.msgstr = known[entry.msgid]
        else:
            # a value from the database may be the translation of an older
            # source text: only what ru.po says is trusted
            entry.msgstr = ""
            missing.append(entry.msgid)
    ru.save(str(ru_path))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{args.module}: {len(ru)} terms, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
