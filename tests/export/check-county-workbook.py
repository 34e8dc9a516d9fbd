#!/usr/bin/python3
"""check-county-workbook.py: reads a county workbook back, as the county office would.

Usage: check-county-workbook.py MODE FILE.xlsx COUNTY TOWNSHIP…

MODE "county": every sheet's first column is 乡镇, filled on every row with the county or one of
the townships; 基本情况 has the county's block of rows and one per township, and for every item
whose value is a whole number the county's equals the sum of the townships' (an item counted,
never a ratio averaged); 指标趋势 likewise for each year's counts. MODE "one": every row names
the one township given, none the county. MODE "masked": besides "county", no 18-character ID
number anywhere in the file and no 出生日期 column. The workbook is read with openpyxl and
zipfile, never with the writer's code.

Exit 0 when all holds; otherwise one line per problem on stderr and exit 1; 77 without openpyxl.
"""

import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

mode, path, county, townships = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
problems = []
book = openpyxl.load_workbook(path, read_only=True)


class Ratio(float):
    """A number shown as a percentage or with decimals: never summed."""


def count_or_value(cell):
    value = cell.value
    fmt = getattr(cell, "number_format", "General") or "General"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and ("%" in fmt or "." in fmt):
        return Ratio(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def table(sheet):
    """The header row (the one starting 乡镇) and the rows under it."""
    rows = [[count_or_value(c) for c in r] for r in sheet.iter_rows()]
    for i, row in enumerate(rows):
        if row and row[0] == "乡镇":
            return row, [r for r in rows[i + 1:] if any(c is not None for c in r)]
    problems.append(f"{sheet.title}: no header row starting with 乡镇")
    return None, []


places = set(townships) | ({county} if mode != "one" else set())
tables = {}
for sheet in book.worksheets:
    header, rows = table(sheet)
    if header is None:
        continue
    tables[sheet.title] = (header, rows)
    for n, row in enumerate(rows):
        if row[0] not in places:
            problems.append(f"{sheet.title} row {n + 1}: 乡镇 is {row[0]!r}, not one of {places}")
    if mode == "masked" and "出生日期" in header:
        problems.append(f"{sheet.title}: a masked sheet has a 出生日期 column")

if len(tables) != 14:
    problems.append(f"{len(tables)} sheets with a 乡镇 column, not 14")

# Rows of the registered persons: each township's own, filled.
header, rows = tables.get("累计登记在册吸毒人员表", (None, []))
seen = {r[0] for r in rows}
if seen != set(townships):
    problems.append(f"累计登记在册吸毒人员表 names the townships {seen}, not {set(townships)}")


def blocks(title, key_column):
    """{place: {key: row}} of a sheet."""
    header, rows = tables.get(title, (None, []))
    out = {}
    for row in rows:
        out.setdefault(row[0], {})[row[key_column]] = row
    return header, out


if mode != "one":
    header, by_place = blocks("基本情况", 2)
    if header:
        actual = header.index("实际")
        if set(by_place) != places:
            problems.append(f"基本情况 has blocks for {set(by_place)}, not {places}")
        summed = 0
        for item, row in by_place.get(county, {}).items():
            value = row[actual]
            if not isinstance(value, int) or isinstance(value, bool) or isinstance(value, Ratio):
                continue
            parts = [by_place.get(t, {}).get(item, [None] * len(header))[actual] for t in townships]
            if any(not isinstance(p, int) for p in parts):
                problems.append(f"基本情况 {item}: the townships' values {parts} are not counts")
                continue
            summed += 1
            if value != sum(parts):
                problems.append(f"基本情况 {item}: the county's {value} is not the sum {parts}")
        if summed < 5:
            problems.append(f"基本情况: only {summed} counts of the county compared")
        registered = by_place.get(county, {}).get("累计登记在册吸毒人员")
        if registered is None or not registered[actual]:
            problems.append("基本情况: the county's 累计登记在册吸毒人员数 is missing or 0")
    header, by_place = blocks("指标趋势", 1)
    if header:
        counted = [i for i, h in enumerate(header)
                   if h in ("累计登记在册", "现有吸毒人员", "新滋生", "复吸人数",
                            "无毒村居", "村居总数")]
        if len(counted) < 3:
            problems.append(f"指标趋势: count columns not found in {header}")
        years = by_place.get(county, {})
        if len(years) != 10:
            problems.append(f"指标趋势: the county has {len(years)} years, not 10")
        for year, row in years.items():
            for i in counted:
                parts = [by_place.get(t, {}).get(year, [0] * len(header))[i] for t in townships]
                if row[i] != sum(parts):
                    problems.append(f"指标趋势 {year} {header[i]}: {row[i]} is not the sum {parts}")

if mode == "masked":
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", "replace")
            found = re.findall(r"(?<![0-9.])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{5}[0-9Xx](?![0-9])", text)
            if found:
                problems.append(f"{name}: a full ID number {found[0]}")

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
