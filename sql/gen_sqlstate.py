"""Generate sql/sqlstate.py from PostgreSQL's errcodes.txt.

Usage: python -m sql.gen_sqlstate /usr/share/postgresql/15/errcodes.txt > sql/sqlstate.py
"""

import sys


def main(path: str) -> None:
    out = [
        '"""SQLSTATE codes as named constants (generated from PostgreSQL errcodes.txt).',
        "",
        "Do not edit by hand: run python -m sql.gen_sqlstate.",
        '"""',
        "",
    ]
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or line.startswith("Section"):
            continue
        parts = line.split()
        if len(parts) < 4:
            continue
        code, kind, _macro, name = parts[:4]
        const = name.upper()
        if const in names and (kind != "E" or kinds[const] == "E"):
            continue  # a name used twice: an error beats a warning, otherwise the first one stays
        names[const] = code
        kinds[const] = kind
    out.extend(f'{const} = "{code}"' for const, code in names.items())
    out.append("")
    out.append("NAME_BY_CODE: dict[str, str] = {")
    for const, code in names.items():
        out.append(f'    "{code}": "{const.lower()}",')
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
