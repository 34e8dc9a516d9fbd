#!/usr/bin/python3
# bench-import-sheets.py: 200,000 follow-up rows imported from .xlsx next to the same rows
# from CSV (docs/contract.md §6), each `jindu import` in a child process with its time and
# peak memory (ru_maxrss from wait4). The .xlsx is written by Debian's python3-xlsxwriter with
# shared strings, as Excel writes; the sheet is streamed, so its peak memory should stay near
# the CSV import's whatever the number of rows. Goal: .xlsx in at most twice the CSV's time.
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

import xlsxwriter

JINDU = os.environ["JINDU"]
FIXTURES = os.environ["FIXTURES"]
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
PERSONS = 2000
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(i):
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)
    body = "441581" + birth.strftime("%Y%m%d") + f"{i % 1000:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def run(args):
    start = time.monotonic()
    process = subprocess.Popen([JINDU, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    if status != 0:
        sys.exit(f"jindu {' '.join(args[:4])} failed: {err[:2000]}")
    return elapsed, usage.ru_maxrss / 1024, out.strip()


def main():
    tmp = tempfile.mkdtemp(prefix="jd-bench-sheets-")
    try:
        base = os.path.join(tmp, "base.db")
        subprocess.run([JINDU, "init", "--db", base, "--township", "博美镇"], check=True)
        subprocess.run([JINDU, "import", "--db", base, "villages",
                        os.path.join(FIXTURES, "import", "villages.csv")], check=True,
                       stdout=subprocess.DEVNULL)
        persons = os.path.join(tmp, "persons.csv")
        ids = sorted({id_number(i) for i in range(PERSONS)})
        with open(persons, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id_number", "name", "residence_village", "first_found_on"])
            for n, i in enumerate(ids):
                w.writerow([i, f"人员{n}", "V01" if n % 2 else "V02", "2015-01-01"])
        subprocess.run([JINDU, "import", "--db", base, "persons", persons], check=True,
                       stdout=subprocess.DEVNULL)

        header = ["id_number", "kind", "occurred_on", "result", "staff", "place", "content"]
        kinds = ["talk", "urine_test", "home_visit"]
        first = datetime.date(2016, 1, 1)
        rows = []
        for r in range(ROWS):
            kind = kinds[r % 3]
            day = first + datetime.timedelta(days=(r // len(ids)) * 3 + r % 3)
            rows.append([ids[r % len(ids)], kind, day, "negative" if kind == "urine_test" else "",
                         f"社工{r % 40}", "村委会", f"第{r}次随访，情况稳定"])

        followups_csv = os.path.join(tmp, "followups.csv")
        with open(followups_csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for row in rows:
                w.writerow([row[0], row[1], row[2].isoformat(), *row[3:]])
        followups_xlsx = os.path.join(tmp, "followups.xlsx")
        wb = xlsxwriter.Workbook(followups_xlsx)
        ws = wb.add_worksheet("随访")
        date = wb.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_row(0, 0, header)
        for n, row in enumerate(rows, 1):
            ws.write_string(n, 0, row[0])
            ws.write_string(n, 1, row[1])
            ws.write_datetime(n, 2, datetime.datetime.combine(row[2], datetime.time()), date)
            for c in range(3, 7):
                if row[c]:
                    ws.write_string(n, c, row[c])
        wb.close()
        print(f"# {ROWS} follow-up rows: CSV {os.path.getsize(followups_csv) >> 20} MB, "
              f".xlsx {os.path.getsize(followups_xlsx) >> 20} MB")

        figures = {}
        for name, path in (("csv", followups_csv), ("xlsx", followups_xlsx)):
            db = os.path.join(tmp, name + ".db")
            shutil.copy(base, db)
            elapsed, rss, out = run(["import", "--db", db, "followups", path])
            figures[name] = elapsed
            print(f"{name}: {elapsed:.2f} s, peak RSS {rss:.0f} MB ({out})")
        ratio = figures["xlsx"] / figures["csv"]
        print(f"xlsx/csv time: {ratio:.2f} (goal: at most 2)")
        return 0 if ratio <= 2 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
