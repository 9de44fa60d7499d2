#!/usr/bin/python3
"""Prints what openpyxl sees in an .xlsx as JSON, so tests check files with a reader other than exceljs.

Per sheet: name, state, freeze panes, column widths, merged ranges, data validations,
and every cell that has a value, a comment, a hyperlink or a solid fill, with its font.
Usage: inspectXlsx.py FILE.xlsx
"""
import json
import sys

import openpyxl


def color(value):
    rgb = getattr(value, "rgb", None) if value is not None else None
    return rgb if isinstance(rgb, str) else None


def cell_info(cell):
    fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
    link = cell.hyperlink
    value = cell.value
    if value is not None and not isinstance(value, (str, int, float, bool)):
        value = str(value)
    return {
        "value": value,
        "bold": bool(cell.font.b),
        "italic": bool(cell.font.i),
        "fontColor": color(cell.font.color),
        "fontName": cell.font.name,
        "fontSize": cell.font.sz,
        "fill": fill if isinstance(fill, str) else None,
        "numberFormat": cell.number_format,
        "comment": cell.comment.text if cell.comment is not None else None,
        "hyperlink": None if link is None else {"target": link.target, "location": link.location},
    }


def sheet_info(ws):
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None or cell.comment is not None or cell.hyperlink is not None or cell.fill.fill_type == "solid":
                cells[cell.coordinate] = cell_info(cell)
    return {
        "name": ws.title,
        "state": ws.sheet_state,
        "freeze": ws.freeze_panes,
        "widths": {key: dim.width for key, dim in ws.column_dimensions.items() if dim.width},
        "merged": sorted(str(rng) for rng in ws.merged_cells.ranges),
        "validations": [
            {
                "type": dv.type,
                "sqref": str(dv.sqref),
                "formula1": dv.formula1,
                "formula2": dv.formula2,
                "operator": dv.operator,
                "errorStyle": dv.errorStyle,
                "allowBlank": bool(dv.allow_blank),
            }
            for dv in ws.data_validations.dataValidation
        ],
        "cells": cells,
    }


def main():
    workbook = openpyxl.load_workbook(sys.argv[1])
    print(json.dumps({"sheets": [sheet_info(ws) for ws in workbook.worksheets], "active": workbook.active.title}, ensure_ascii=False))


if __name__ == "__main__":
    main()
