#!/usr/bin/python3
# test-import-roundtrip.py: the program's own inspection workbook (docs/contract.md §7,
# unmasked) imported back into an empty ledger (§6).
#
# The township demo ledger is exported for 2024; each sheet is imported, in the order the
# kinds depend on each other, into a new ledger of the same township; the new ledger's own
# export is read back with openpyxl and compared with the first, sheet by sheet, and
# `jindu indicators --json` of both ledgers compared key by key. Importing the workbook a
# second time adds nothing.
#
# What the workbook does not hold cannot come back, and the comparison leaves exactly that out:
# - 末次吸毒日期 (a person's last use) has no source, which a use event requires: no use
#   events come back, so current users, abstinence, relapse, users in society (society_*)
#   and 现有吸毒人员表 differ;
# - a person's household village (户籍村; only the address is there): 人户分离 (separated_*);
# - the awareness surveys (no sheet holds them): awareness;
# - a person's earlier statuses (only the current one, and the measures of the year), and the
#   planned end of a custody (预计期满日期 is given for community measures only): long_custody;
# - help-group members (帮教小组成员 gives names and roles, not since when): help coverage;
# - title events and assessments (创建阶段 is only the stage on the day): titled villages,
#   coverage and 无毒村居考核评分表;
# - a venue's inspections but its last (检查情况 joins the year's findings in one cell);
# - phone numbers of persons outside the help register, and planned ends of past measures.
# TAP output; Debian's /usr/bin/python3.
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

JINDU = os.environ["JINDU"]
TODAY = "2024-12-31"

# The sheets in the order their kinds depend on each other.
IMPORTS = [
    ("villages", "村居创建情况"),
    ("persons", "累计登记在册吸毒人员表"),
    ("statuses", "累计登记在册吸毒人员表"),
    ("statuses", "社区戒毒社区康复帮教台账"),
    ("agreements", "社区戒毒社区康复帮教台账"),
    ("followups", "谈话记录"),
    ("followups", "尿检记录"),
    ("followups", "家访帮扶记录"),
    ("activities", "禁毒宣传活动台账"),
    ("letters", "禁毒责任书签订台账"),
    ("venues", "场所排查台账"),
    ("inspections", "场所排查台账"),
    ("staff", "工作力量花名册"),
]

# Sheet → the columns the workbook cannot give back (see above); None: the whole sheet.
NOT_REBUILT = {
    "基本情况": None,
    "指标趋势": None,
    "无毒村居考核评分表": None,
    "现有吸毒人员表": None,
    "村居创建情况": {"创建阶段", "末次考核日期", "考核达标项", "现有吸毒人员"},
    "累计登记在册吸毒人员表": {"末次吸毒日期"},
    "社区戒毒社区康复帮教台账": {"帮教小组成员", "联系电话"},
    "场所排查台账": {"检查次数", "不合格次数", "检查情况"},
}

# Indicators computed from what the workbook cannot give back.
INDICATORS_NOT_REBUILT = {
    "abstinent_1y", "abstinent_3y", "current_users", "long_custody", "relapse_persons", "relapse_rate",
    "help_covered", "help_rate", "villages_titled", "coverage",
    "society_persons", "society_tested", "society_urine_rate",
    "separated_persons", "separated_found", "separated_found_rate", "awareness",
}

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def jindu(*args):
    done = subprocess.run([JINDU, *args], capture_output=True, timeout=600)
    done.out = done.stdout.decode("utf-8", "replace")
    done.err = done.stderr.decode("utf-8", "replace")
    return done


def rows(path, sheet):
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    # Rows 1-2 are the title and the office line (export date included).
    return [tuple(c for c in r) for r in ws.iter_rows(min_row=3, values_only=True)]


def main():
    tmp = tempfile.mkdtemp(prefix="jd-roundtrip-")
    try:
        demo = os.path.join(tmp, "demo.db")
        done = jindu("demo", "--db", demo, "--today", TODAY, "--seed", "7")
        if done.returncode != 0:
            print("Bail out! jindu demo failed: " + done.err)
            return 1
        first = os.path.join(tmp, "first.xlsx")
        done = jindu("export", "--db", demo, "--today", TODAY, "--year", "2024", "--out", first)
        check("the demo's workbook is exported", done.returncode == 0, done.err)

        new = os.path.join(tmp, "new.db")
        done = jindu("init", "--db", new, "--township", "博美镇", "--county", "陆丰市")
        check("an empty ledger of the same township", done.returncode == 0, done.err)
        for kind, sheet in IMPORTS:
            done = jindu("import", "--db", new, kind, first, "--sheet", sheet)
            check(f"{sheet} imports as {kind}", done.returncode == 0 and " added" in done.out,
                  done.err + done.out)
        for kind, sheet in IMPORTS:
            done = jindu("import", "--db", new, kind, first, "--sheet", sheet)
            check(f"{sheet} as {kind} a second time adds nothing",
                  done.returncode == 0 and ": 0 added" in done.out, done.err + done.out)

        second = os.path.join(tmp, "second.xlsx")
        done = jindu("export", "--db", new, "--today", TODAY, "--year", "2024", "--out", second)
        check("the new ledger's workbook is exported", done.returncode == 0, done.err)
        sheets = openpyxl.load_workbook(first, read_only=True).sheetnames
        for sheet in sheets:
            left = NOT_REBUILT.get(sheet, set())
            if left is None:
                continue
            a, b = rows(first, sheet), rows(second, sheet)
            header = a[0]
            keep = [i for i, h in enumerate(header) if h not in left]
            a = [tuple(r[i] for i in keep) for r in a]
            b = [tuple(r[i] for i in keep) for r in b]
            first_diff = next((f"{x}\n{y}" for x, y in zip(a, b) if x != y), "")
            check(f"{sheet}: the same {len(a) - 1} rows", a == b and len(a) > 1,
                  f"{len(a)} vs {len(b)} rows\n{first_diff}")

        before = json.loads(jindu("indicators", "--db", demo, "--today", TODAY, "--year", "2024",
                                  "--json").out)
        after = json.loads(jindu("indicators", "--db", new, "--today", TODAY, "--year", "2024",
                                 "--json").out)
        for key, value in before.items():
            if key in INDICATORS_NOT_REBUILT:
                continue
            check(f"indicator {key} is the same", after.get(key) == value,
                  f"{value} vs {after.get(key)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in detail.splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
