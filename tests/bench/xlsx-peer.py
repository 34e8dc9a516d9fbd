#!/usr/bin/python3
"""xlsx-peer.py: the peer of the workbook benchmark, Debian's Python XlsxWriter.

Usage: xlsx-peer.py CELLS.tsv OUT.xlsx

Writes, in constant-memory mode, the cells bench-xlsx-compare dumped from the
ledger, in the same formats: a "#sheet" line before each sheet, then one line
per row of tab-separated cells "KF:value", K the kind (s text, n number,
d yyyy-mm-dd, p fraction, b blank) and F the format's letter (see
format_letter in bench-xlsx-compare.c).
It is what an office might otherwise script; the benchmark times it.
"""

import datetime
import sys

import xlsxwriter


def add_formats(workbook):
    """The formats of bench-xlsx-compare.c's floor_format, by letter."""
    numbers = {"I": "@", "D": "yyyy-mm-dd", "N": "0", "M": "0.00", "P": "0.0%"}
    formats = {}
    for letter in "TCIDNMPH":
        properties = {"valign": "vcenter", "border": 1}
        if letter != "T":
            properties["align"] = "center"
        if letter in "TCH":
            properties["text_wrap"] = True
        if letter == "H":
            properties.update({"bold": True, "bg_color": "#D9D9D9"})
        if letter in numbers:
            properties["num_format"] = numbers[letter]
        formats[letter] = workbook.add_format(properties)
    return formats


def main():
    cells_path, out = sys.argv[1], sys.argv[2]
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
    formats = add_formats(workbook)
    sheet, row = None, 0
    with open(cells_path, encoding="utf-8") as cells:
        for line in cells:
            line = line.rstrip("\n")
            if line.startswith("#"):
                sheet, row = workbook.add_worksheet(line[1:]), 0
                continue
            for col, cell in enumerate(line.split("\t")):
                kind, style, value = cell[0], formats[cell[1]], cell[3:]
                if kind == "s":
                    sheet.write_string(row, col, value, style)
                elif kind in "np":
                    sheet.write_number(row, col, float(value), style)
                elif kind == "d":
                    sheet.write_datetime(row, col, datetime.date.fromisoformat(value), style)
                else:
                    sheet.write_blank(row, col, None, style)
            row += 1
    workbook.close()


if __name__ == "__main__":
    main()
