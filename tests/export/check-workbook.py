#!/usr/bin/python3
"""check-workbook.py: reads an inspection workbook back, independently of the writer.

Usage: check-workbook.py WORKBOOK.xlsx EXPECTED.json [--pdf]

EXPECTED.json says what the ledger holds (written by tests/export/test-workbook.c):
  township, year, today        the title's and second line's words
  sheets                       the sheet names, in order
  rows                         {sheet name: number of data rows}
  ids, names                   the full ID numbers and person names of the ledger
  masked                       whether the workbook was written with --mask
  cells                        [[sheet, first column value, header, expected value], ...]
  charts                       number of line charts expected on 指标趋势

Everything is read with openpyxl and zipfile (Debian's python3-openpyxl), so a
mistake in the writer cannot hide in the reader. Exit 0 when the workbook is
right; otherwise one line per problem on stderr and exit 1. Exit 77 (skip)
when openpyxl is missing.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("python3-openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

# docs/contract.md §7: the two person registers have these columns, in this order.
PERSON_HEADERS = ["序号", "姓名", "性别", "公民身份号码", "出生日期", "户籍地址", "现住地址",
                  "管理村(社区)", "初次发现日期", "滥用毒品种类", "当前状态", "状态起始日期",
                  "末次吸毒日期", "备注"]
SHEETS = ["基本情况", "村居创建情况", "累计登记在册吸毒人员表", "现有吸毒人员表",
          "社区戒毒社区康复帮教台账", "谈话记录", "尿检记录", "家访帮扶记录", "禁毒宣传活动台账",
          "禁毒责任书签订台账", "场所排查台账", "无毒村居考核评分表", "工作力量花名册", "指标趋势"]
TEXT_HEADERS = {"公民身份号码", "联系电话"}
COUNT_HEADER = re.compile(r"(序号|次数|人数|份数|\(份\)|\(条\)|人口|网格数|月数|阴性|阳性)$")
COUNT_HEADERS = {"现有吸毒人员", "社区戒毒康复人员", "黄牌警告", "考核达标项", "累计登记在册",
                 "新滋生", "无毒村居", "村居总数"}
ID_RE = re.compile(r"^\d{17}[\dX]$")
MASKED_ID_RE = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")

problems = []


def problem(sheet, message):
    problems.append(f"{sheet}: {message}")


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in str(text))


def check_sheet(ws, expected):
    name = ws.title
    township, year, today = expected["township"], expected["year"], expected["today"]
    ncols = ws.max_column
    last = get_column_letter(ncols)

    # Title: merged across the whole first row.
    title = f"{township}{year}年{name}"
    if ws["A1"].value != title:
        problem(name, f"A1 is {ws['A1'].value!r}, not {title!r}")
    if f"A1:{last}1" not in [str(r) for r in ws.merged_cells.ranges]:
        problem(name, f"the title is not merged over A1:{last}1 ({ws.merged_cells.ranges})")
    if not ws["A1"].font.b:
        problem(name, "the title is not bold")

    # Second line: the office and the export date.
    line = " ".join(str(c.value) for c in ws[2] if c.value is not None)
    if f"{township}禁毒办" not in line or today not in line:
        problem(name, f"row 2 {line!r} lacks the office or the date {today}")

    # Headers: bold, bordered, as docs/contract.md §7 says for the person registers.
    headers = [c.value for c in ws[3]]
    # Masked, the birth date is left out: it would give the ID number's hidden digits back.
    person_headers = PERSON_HEADERS
    if expected["masked"]:
        person_headers = [h for h in PERSON_HEADERS if h != "出生日期"]
    if name in ("累计登记在册吸毒人员表", "现有吸毒人员表") and headers != person_headers:
        problem(name, f"headers are {headers}")
    if any(h is None or str(h).strip() == "" for h in headers):
        problem(name, f"an empty header in {headers}")
    for c in ws[3]:
        b = c.border
        if not c.font.b:
            problem(name, f"header {c.value} is not bold")
        if not all(s.style for s in (b.left, b.right, b.top, b.bottom)):
            problem(name, f"header {c.value} has no border")

    # Rows: as many as the ledger holds.
    want = expected["rows"].get(name)
    data_rows = [r for r in ws.iter_rows(min_row=4, max_row=ws.max_row)
                 if any(c.value is not None for c in r)]
    if want is not None and len(data_rows) != want:
        problem(name, f"{len(data_rows)} data rows, the ledger has {want}")

    # Panes, filter, page.
    if ws.freeze_panes != "A4":
        problem(name, f"panes frozen at {ws.freeze_panes}, not under the headers (A4)")
    want_filter = f"A3:{last}{max(3, ws.max_row)}"
    if ws.auto_filter.ref != want_filter:
        problem(name, f"autofilter {ws.auto_filter.ref}, not {want_filter}")
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        problem(name, f"page {ps.orientation} paper {ps.paperSize}, not A4 landscape")
    if not ws.sheet_properties.pageSetUpPr.fitToPage or ps.fitToWidth not in (None, 1, "1") \
            or str(ps.fitToHeight) != "0":
        problem(name, f"not fitted to one page wide (fitToWidth {ps.fitToWidth}, "
                      f"fitToHeight {ps.fitToHeight})")
    if ws.print_title_rows != "$3:$3":
        problem(name, f"repeated rows {ws.print_title_rows}, not the header row $3:$3")
    if ws.oddFooter.center.text != "第 &P 页 共 &N 页":
        problem(name, f"footer {ws.oddFooter.center.text!r}")

    # Cells: ID and phone numbers as text, dates as dates, counts as numbers.
    widest = [0 for h in headers]
    for row in data_rows:
        for h, c in zip(headers, row):
            v = c.value
            if v is None:
                continue
            i = c.column - 1
            if isinstance(v, str):
                widest[i] = max(widest[i], display_width(v))
                # A text of several lines sits in a row high enough to show
                # them all (14 points a line of 11-point text at the least):
                # neither Excel nor LibreOffice fits the height on opening.
                lines = v.count("\n") + 1
                height = ws.row_dimensions[c.row].height or 15
                if lines > 1 and height < 14 * lines:
                    problem(name, f"{c.coordinate} {h} has {lines} lines in a row "
                                  f"{height} points high")
            if h in TEXT_HEADERS:
                if not isinstance(v, str):
                    problem(name, f"{c.coordinate} {h} is {type(v).__name__}, not text")
                elif h == "公民身份号码":
                    pattern = MASKED_ID_RE if expected["masked"] else ID_RE
                    if not pattern.match(v):
                        problem(name, f"{c.coordinate} ID number {v!r} is not "
                                      f"{'masked' if expected['masked'] else '18 characters'}")
            elif str(h).endswith("日期"):
                if not isinstance(v, datetime.datetime):
                    problem(name, f"{c.coordinate} {h} is {v!r}, not a date")
                elif c.number_format != "yyyy-mm-dd":
                    problem(name, f"{c.coordinate} {h} is shown {c.number_format!r}")
            elif COUNT_HEADER.search(str(h)) or h in COUNT_HEADERS:
                if not isinstance(v, (int, float)):
                    problem(name, f"{c.coordinate} {h} is {v!r}, not a number")
            elif str(h).endswith("率"):
                if not isinstance(v, (int, float)) or "%" not in c.number_format:
                    problem(name, f"{c.coordinate} {h} is {v!r} ({c.number_format}), "
                                  "not a percentage")
    # Widths fit the text (Chinese counts double), up to the wrapping width; a
    # header may take two lines.
    for i, w in enumerate(widest):
        letter = get_column_letter(i + 1)
        width = ws.column_dimensions[letter].width
        if width is None or width < min(w, 28) or width < display_width(headers[i]) / 2:
            problem(name, f"column {letter} ({headers[i]}) is {width} wide for text {w} wide")


def check_values(wb, expected):
    for sheet, key, header, want in expected.get("cells", []):
        ws = wb[sheet]
        headers = [c.value for c in ws[3]]
        col = headers.index(header)
        found = None
        for row in ws.iter_rows(min_row=4, values_only=True):
            if key in row:
                found = row[col]
                break
        else:
            problem(sheet, f"no row with {key!r}")
            continue
        if isinstance(found, datetime.datetime):
            found = found.date().isoformat()
        if isinstance(found, float) and found.is_integer():
            found = int(found)
        if found != want:
            problem(sheet, f"row {key!r}: {header} is {found!r}, not {want!r}")


def check_parts(path, expected):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = {n: z.read(n).decode("utf-8", "replace") for n in names}
    if expected["masked"]:
        for n, text in parts.items():
            for secret in expected["ids"] + expected["names"]:
                if secret in text:
                    problems.append(f"{n}: holds {secret!r} although the workbook is masked")
    else:
        every = "".join(parts.values())
        for id_number in expected["ids"]:
            if id_number not in every:
                problems.append(f"the ID number {id_number} is nowhere in the workbook")
    charts = sorted(n for n in names if re.match(r"xl/charts/chart\d+\.xml$", n))
    if len(charts) != expected.get("charts", 0):
        problems.append(f"{len(charts)} charts, not {expected.get('charts', 0)}")
    for n in charts:
        text = parts[n]
        if "<c:lineChart>" not in text or "指标趋势" not in text:
            problems.append(f"{n} is not a line chart of the 指标趋势 sheet")


def check_pdf(path, expected):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print("# libreoffice is not installed: PDF check skipped")
        return
    # LibreOffice is not ours to debug: none of the test suite's GLib and malloc
    # checks, and no display.
    env = {k: v for k, v in os.environ.items()
           if k not in ("G_DEBUG", "MALLOC_CHECK_", "MALLOC_PERTURB_", "DISPLAY",
                        "WAYLAND_DISPLAY")}
    env["SAL_USE_VCLPLUGIN"] = "svp"
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        done = subprocess.run([office, f"-env:UserInstallation={profile}", "--headless",
                               "--convert-to", "pdf", "--outdir", tmp, path],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                              timeout=180)
        if done.returncode != 0:
            problems.append(f"LibreOffice could not print the workbook (exit {done.returncode}): "
                            + done.stderr.decode("utf-8", "replace").strip())
            return
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        with open(pdf, "rb") as f:
            data = f.read()
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        if not data.startswith(b"%PDF") or pages < len(expected["sheets"]):
            problems.append(f"LibreOffice made {pages} pages of {len(expected['sheets'])} sheets")
        # Every sheet's title and its page footer are printed (pdftotext, when there).
        pdftotext = shutil.which("pdftotext")
        if pdftotext:
            text = subprocess.run([pdftotext, pdf, "-"], check=True, capture_output=True,
                                  timeout=60).stdout.decode("utf-8", "replace")
            for sheet in expected["sheets"]:
                title = f"{expected['township']}{expected['year']}年{sheet}"
                if title not in text:
                    problems.append(f"the printed workbook lacks the title {title}")
            if f"第 1 页 共 {pages} 页" not in text:
                problems.append(f"the printed pages lack the footer 第 1 页 共 {pages} 页")


def main():
    path, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != expected["sheets"]:
        problems.append(f"sheets {wb.sheetnames}, not {expected['sheets']}")
    ours = [s for s in wb.sheetnames if s in SHEETS]
    if [s for s in SHEETS if s in ours] != ours:
        problems.append(f"sheets {wb.sheetnames} are not in the order of docs/contract.md §7")
    for ws in wb.worksheets:
        check_sheet(ws, expected)
    check_values(wb, expected)
    check_parts(path, expected)
    if "--pdf" in sys.argv[3:]:
        check_pdf(path, expected)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
