#!/usr/bin/python3
"""check-masked-workbook.py: tries to unmask a masked workbook, as an inspector would.

Usage: check-masked-workbook.py   (the environment's JINDU names the program)

Makes the demo ledger (`jindu demo --scale township`), imports into it a home visit whose
content holds a person's name, ID number and phone numbers and an inspection whose finding holds
a phone number, then writes the workbook of 2024 with `jindu export --mask` and without. The
ledger is read with Python's own sqlite3 and the workbooks with zipfile and openpyxl, so neither
the writer nor the masking code reads its own output (docs/masking.md says what is masked).

The masked workbook, every part of the zip read as text: no person's ID number, no 18-character
ID number at all, no 11-digit mobile number, no person's phone number, no birth date written in
any form; read as cells: no date cell and no number holding a person's birth date, no 出生日期
column; the imported visit's content masked exactly as worked out by hand below. The unmasked
workbook has every one of these things.

Exit 0 when all holds; otherwise one line per problem on stderr and exit 1; 77 (skip) without
openpyxl.
"""

import csv
import datetime
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

JINDU = os.environ["JINDU"]
YEAR = 2024
problems = []


def run(*args):
    result = subprocess.run([JINDU, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"jindu {' '.join(args)}: exit {result.returncode}: {result.stderr}")


def parts_text(path):
    """Every part of the zip as text: the XML with its entities as they stand."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}


def date_forms(day):
    return {day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%Y/%m/%d"),
            f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y.%m.%d")}


def excel_serial(day):
    return (day - datetime.date(1899, 12, 30)).days


def cells(path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell


def main():
    work = tempfile.mkdtemp(prefix="jindu-mask-")
    try:
        ledger = os.path.join(work, "demo.db")
        run("demo", "--db", ledger, "--scale", "township", "--today", f"{YEAR}-12-31")

        db = sqlite3.connect(ledger)
        persons = db.execute("SELECT name, id_number, birth_date, phone FROM person"
                             " ORDER BY id").fetchall()
        village, venue = db.execute("SELECT v.name, n.name FROM venue n"
                                    " JOIN village v ON v.id = n.village_id"
                                    " ORDER BY n.id LIMIT 1").fetchone()
        db.close()
        name, id_number, _, phone = next(p for p in persons if p[3])

        # A home visit that names its person, as the inspector found one.
        content = f"{name}(身份证{id_number})电话{phone}，家属电话138 0000 5678"
        followups = os.path.join(work, "followups.csv")
        with open(followups, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id_number", "kind", "occurred_on", "staff", "place", "content"])
            w.writerow([id_number, "home_visit", f"{YEAR}-06-01", "彭炜", "家中", content])
        run("import", "--db", ledger, "followups", followups)
        inspections = os.path.join(work, "inspections.csv")
        with open(inspections, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["village", "venue", "inspected_on", "inspector", "passed", "finding"])
            w.writerow([village, venue, f"{YEAR}-06-02", "彭炜", "是",
                        "老板电话13912345678，已整改"])
        run("import", "--db", ledger, "inspections", inspections)

        masked = os.path.join(work, "masked.xlsx")
        plain = os.path.join(work, "plain.xlsx")
        run("export", "--db", ledger, "--year", str(YEAR), "--out", masked, "--mask")
        run("export", "--db", ledger, "--year", str(YEAR), "--out", plain)

        births = {datetime.date.fromisoformat(p[2]) for p in persons}
        birth_serials = {excel_serial(d) for d in births}
        id_re = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
        mobile_re = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")

        # ---- the masked workbook, part by part ----
        masked_parts = parts_text(masked)
        everything = "\n".join(masked_parts.values())
        for part, text in masked_parts.items():
            for found in id_re.findall(text):
                problems.append(f"masked {part}: an 18-character ID number {found}")
            for found in mobile_re.findall(text):
                problems.append(f"masked {part}: an 11-digit mobile number {found}")
        for person_name, person_id, birth, person_phone in persons:
            if person_id in everything:
                problems.append(f"masked: {person_name}'s ID number {person_id}")
            if person_phone and person_phone in everything:
                problems.append(f"masked: {person_name}'s phone {person_phone}")
            for form in date_forms(datetime.date.fromisoformat(birth)):
                if form in everything:
                    problems.append(f"masked: {person_name}'s birth date as {form!r}")
        if "出生日期" in everything:
            problems.append("masked: a 出生日期 column")

        visit = None
        for title, cell in cells(masked):
            value = cell.value
            if isinstance(value, datetime.datetime):
                value = value.date()
            if isinstance(value, datetime.date) and value in births:
                problems.append(f"masked {title}!{cell.coordinate}: a birth date {value}")
            if isinstance(value, (int, float)) and value in birth_serials:
                problems.append(f"masked {title}!{cell.coordinate}: a birth date's number {value}")
            if isinstance(value, str) and "家属电话" in value:
                visit = (title, value)

        # The visit's content, masked by hand: the person's own name 张*, the ID number's
        # digits 7–14 and each mobile's 4–7 hidden.
        expected = (f"{name[0]}*(身份证{id_number[:6]}********{id_number[14:]})"
                    f"电话{phone[:3]}****{phone[7:]}，家属电话138 **** 5678")
        if visit is None:
            problems.append("masked: the imported home visit is missing")
        elif visit != ("家访帮扶记录", expected):
            problems.append(f"masked: the home visit shows {visit!r}, not {expected!r}")
        if "老板电话139****5678，已整改" not in everything:
            problems.append("masked: the inspection's finding is not 老板电话139****5678，已整改")

        masked_book = openpyxl.load_workbook(masked)
        headers = [c.value for c in masked_book["累计登记在册吸毒人员表"][3]]
        if "出生日期" in headers or headers[:4] != ["序号", "姓名", "性别", "公民身份号码"]:
            problems.append(f"masked: 累计登记在册吸毒人员表 headers {headers}")

        # ---- the unmasked workbook has everything ----
        plain_text = "\n".join(parts_text(plain).values())
        for person_name, person_id, birth, person_phone in persons:
            if person_id not in plain_text:
                problems.append(f"plain: {person_name}'s ID number is missing")
        if content not in plain_text:
            problems.append("plain: the home visit's content is not whole")
        plain_births = set()
        for title, cell in cells(plain):
            if title == "累计登记在册吸毒人员表" and isinstance(cell.value, datetime.datetime):
                plain_births.add(cell.value.date())
        if not births <= plain_births:
            problems.append(f"plain: {len(births - plain_births)} birth dates are missing")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for p in problems[:40]:
        print(p, file=sys.stderr)
    if len(problems) > 40:
        print(f"… and {len(problems) - 40} more", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
