#!/usr/bin/python3
"""Rewrites the XML parts of an .xlsx the way other writers and hand edits shape them, keeping what they mean.

Shapes (any of them, comma-separated):
  single-quotes  attribute values in single quotes, the XML declaration included
  open-close     empty elements as a start tag and an end tag (<sheet ...></sheet>)
  prefixed       SpreadsheetML elements with an x: prefix instead of the default namespace (worksheets, comments)
VML parts are left alone: Excel's own VML is not XML a parser accepts, and no fix reads it on the way in.
Usage: reshapeXlsx.py IN.xlsx OUT.xlsx SHAPES
"""
import re
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NAME = r"[A-Za-z_][\w:.-]*"


def single_quotes(text):
    return re.sub(r'(\s' + NAME + r')="([^"\']*)"', r"\1='\2'", text)


def open_close(text):
    return re.sub(r"<(" + NAME + r")(\s[^<>]*?)?\s*/>", lambda m: "<%s%s></%s>" % (m.group(1), m.group(2) or "", m.group(1)), text)


def prefixed(text):
    if 'xmlns="%s"' % MAIN not in text:
        return text
    text = text.replace('xmlns="%s"' % MAIN, 'xmlns:x="%s"' % MAIN, 1)
    return re.sub(r"<(/?)(?![?!])([A-Za-z_][\w.-]*)(?=[\s/>])", r"<\1x:\2", text)


# Applied in this order, whatever order they are given in: prefixing looks for the double-quoted default namespace.
SHAPES = {"prefixed": prefixed, "open-close": open_close, "single-quotes": single_quotes}


def reshapes(name, shapes):
    if name.endswith(".vml") or not (name.endswith(".xml") or name.endswith(".rels")):
        return []
    if "prefixed" in shapes and not re.match(r"xl/(worksheets/sheet|comments)", name):
        shapes = [shape for shape in shapes if shape != "prefixed"]
    return [SHAPES[shape] for shape in SHAPES if shape in shapes]


def main():
    source, out, shapes = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for reshape in reshapes(info.filename, shapes):
                data = reshape(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info.filename, data)


if __name__ == "__main__":
    main()
