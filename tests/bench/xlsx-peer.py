#!/usr/bin/python3
"""xlsx-peer.py: the peer of the workbook benchmark, Debian's Python XlsxWriter.

Usage: xlsx-peer.py CELLS.tsv OUT.xlsx

Writes, in constant-memory mode, the cells bench-xlsx-compare dumped from the
ledger: a "#sheet" line before each sheet, then one line per row of
tab-separated cells "s:text", "n:number", "d:yyyy-mm-dd", "p:fraction" or "".
It is what an office might otherwise script; the benchmark times it.
"""

import datetime
import sys

import xlsxwriter


def main():
    cells_path, out = sys.argv[1], sys.argv[2]
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    percent = workbook.add_format({"num_format": "0.0%"})
    sheet, row = None, 0
    with open(cells_path, encoding="utf-8") as cells:
        for line in cells:
            line = line.rstrip("\n")
            if line.startswith("#"):
                sheet, row = workbook.add_worksheet(line[1:]), 0
                continue
            for col, cell in enumerate(line.split("\t")):
                kind, value = cell[:2], cell[2:]
                if kind == "s:":
                    sheet.write_string(row, col, value)
                elif kind == "n:":
                    sheet.write_number(row, col, float(value))
                elif kind == "p:":
                    sheet.write_number(row, col, float(value), percent)
                elif kind == "d:":
                    sheet.write_datetime(row, col, datetime.date.fromisoformat(value), date)
            row += 1
    workbook.close()


if __name__ == "__main__":
    main()
