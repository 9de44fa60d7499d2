"""Edits and reads planning workbooks for the e2e specs, as another program (Excel, a script) would.

    xlsx.py set FILE SHEET CELL VALUE [SHEET CELL VALUE ...]   values: text, or =int:N / =none
    xlsx.py table FILE SHEET FIRST_HEADER                        prints the table under FIRST_HEADER as JSON rows
"""
import json
import sys

import openpyxl


def parse(value):
    if value == '=none':
        return None
    if value.startswith('=int:'):
        return int(value[5:])
    return value


def set_cells(path, triples):
    wb = openpyxl.load_workbook(path)
    for sheet, cell, value in triples:
        wb[sheet][cell] = parse(value)
    wb.save(path)


def table(path, sheet, first_header):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    headers = [h for h in rows[start] if h is not None]
    out = []
    for row in rows[start + 1:]:
        if not row or row[0] is None:
            break
        out.append({h: (None if v is None else str(v)) for h, v in zip(headers, row)})
    return out


if __name__ == '__main__':
    command, path, *rest = sys.argv[1:]
    if command == 'set':
        if len(rest) % 3 != 0:
            sys.exit('set takes SHEET CELL VALUE triples')
        set_cells(path, [tuple(rest[i:i + 3]) for i in range(0, len(rest), 3)])
    elif command == 'table':
        print(json.dumps(table(path, rest[0], rest[1])))
    else:
        sys.exit(f'unknown command {command}')
