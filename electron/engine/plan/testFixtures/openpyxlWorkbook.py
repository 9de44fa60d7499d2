#!/usr/bin/python3
"""Writes an .xlsx with openpyxl from a JSON spec, so tests read files from another writer than exceljs.

(Debian's openpyxl 3.0 cannot write rich text; tests build that case with exceljs.)

Spec: {"sheets": [{"name": str, "state": "visible"|"hidden"|"veryHidden",
                   "rows": [[value, ...], ...],            # from A1, optional
                   "cells": {"C15": value, ...},           # optional, after rows
                   "merges": ["B3:B5", ...],
                   "hyperlinks": {"A1": "https://..."}}]}
A string value starting with "=" is written as a formula (openpyxl stores no cached result).
Usage: openpyxlWorkbook.py SPEC.json OUT.xlsx
   or: openpyxlWorkbook.py BATCH.json    with {"workbooks": [{"out": path, "sheets": [...]}, ...]}
"""
import json
import sys

import openpyxl


def write(spec, out_path):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in spec["sheets"]:
        worksheet = workbook.create_sheet(sheet["name"])
        worksheet.sheet_state = sheet.get("state", "visible")
        for row in sheet.get("rows", []):
            worksheet.append(row)
        for address, value in sheet.get("cells", {}).items():
            worksheet[address] = value
        for address, target in sheet.get("hyperlinks", {}).items():
            worksheet[address].hyperlink = target
        for merge in sheet.get("merges", []):
            worksheet.merge_cells(merge)
    if not any(ws.sheet_state == "visible" for ws in workbook.worksheets):
        raise SystemExit("at least one sheet must stay visible")
    workbook.save(out_path)


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    if "workbooks" in spec:
        for item in spec["workbooks"]:
            write(item, item["out"])
    else:
        write(spec, sys.argv[2])


if __name__ == "__main__":
    main()
