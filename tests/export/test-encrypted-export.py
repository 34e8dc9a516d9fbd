#!/usr/bin/python3
# test-encrypted-export.py: `jindu export --password-file`, read back by independent readers.
#
# A demo ledger's workbook is exported plain and encrypted. Debian's python3-msoffcrypto-tool
# decrypts the encrypted one with the password (checking the password verifier and the HMAC)
# to a workbook that openpyxl reads with every sheet, each cell equal to the plain export's; a
# wrong password is refused. LibreOffice opens it with the password (through UNO: LibreOffice
# 7.4's command line takes no password) and prints it to a PDF that holds every sheet's title;
# without the password it cannot load it. The password comes from a file or standard input
# (its first line, without "\n" or "\r\n"); an empty, missing or unreadable one exits with a
# message and writes nothing. TAP output; Debian's /usr/bin/python3.
import io
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

import msoffcrypto
import openpyxl

JINDU = os.environ["JINDU"]
TODAY = "2024-12-31"
TITLE = "{township}2024年{sheet}"

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def jindu(*args, stdin=None):
    return subprocess.run([JINDU, *args], input=stdin, capture_output=True, timeout=300)


def jindu_typed(args, typed):
    """Runs jindu with a terminal as standard input and types `typed` there; returns the exit
    status and what the terminal showed."""
    master, slave = pty.openpty()
    process = subprocess.Popen([JINDU, *args], stdin=slave, stdout=subprocess.DEVNULL,
                               stderr=slave, close_fds=True)
    os.close(slave)
    shown = b""
    # Type once the prompt is there (the echo is off by then).
    while b"Password" not in shown:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        shown += os.read(master, 1024)
    os.write(master, typed)
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 1024)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    status = process.wait(timeout=300)
    os.close(master)
    return status, shown.decode("utf-8", "replace")


def decrypt(path, password):
    """The decrypted bytes, or the exception msoffcrypto raised."""
    with open(path, "rb") as f:
        office = msoffcrypto.OfficeFile(f)
        try:
            office.load_key(password=password, verify_password=True)
            out = io.BytesIO()
            office.decrypt(out, verify_integrity=True)
            return out.getvalue()
        except msoffcrypto.exceptions.InvalidKeyError as e:
            return e


def cells(workbook):
    return {name: [[c.value for c in row] for row in workbook[name].iter_rows()]
            for name in workbook.sheetnames}


def libreoffice_pdf(path, passwords, pdf):
    """Opens path in one LibreOffice with each of passwords in turn (None: without one) and
    prints what it loaded to pdf. Returns for each the sheet names, or None when LibreOffice
    could not load it; or a reason to skip."""
    try:
        import uno
        from com.sun.star.beans import PropertyValue
    except ImportError:
        return "python3-uno is not installed"
    if shutil.which("soffice") is None:
        return "LibreOffice is not installed"

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    # LibreOffice is not ours to debug: none of the suite's GLib and malloc checks, no display.
    env = {k: v for k, v in os.environ.items()
           if k not in ("G_DEBUG", "MALLOC_CHECK_", "MALLOC_PERTURB_", "DISPLAY",
                        "WAYLAND_DISPLAY")}
    env["SAL_USE_VCLPLUGIN"] = "svp"
    pipe = f"jindu-test-{os.getpid()}"
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}",
                                   "--headless", "--invisible", "--norestore",
                                   f"--accept=pipe,name={pipe};urp;"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(240):
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.5)
            else:
                return "LibreOffice did not start"
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                   ctx)
            loaded = []
            for password in passwords:
                args = [prop("Hidden", True), prop("ReadOnly", True)]
                if password is not None:
                    args.append(prop("Password", password))
                try:
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank",
                                                       0, tuple(args))
                except Exception:
                    doc = None
                names = None
                if doc is not None:
                    names = list(doc.Sheets.ElementNames)
                    doc.storeToURL(uno.systemPathToFileUrl(pdf),
                                   (prop("FilterName", "calc_pdf_Export"),))
                    doc.close(True)
                loaded.append(names)
            try:
                desktop.terminate()
            except Exception:
                pass
            return loaded
        finally:
            try:
                office.wait(timeout=60)
            except subprocess.TimeoutExpired:
                office.kill()
                office.wait()


def main():
    tmp = tempfile.mkdtemp(prefix="jd-encrypted-")
    db = os.path.join(tmp, "ledger.db")
    done = jindu("demo", "--db", db, "--seed", "7")
    if done.returncode != 0:
        print("Bail out! jindu demo failed: " + done.stderr.decode())
        return 1

    out = os.path.join(tmp, "out")
    os.mkdir(out)
    plain = os.path.join(out, "plain.xlsx")
    encrypted = os.path.join(out, "encrypted.xlsx")
    password = "台账 Ledger-2024!"
    password_file = os.path.join(tmp, "password.txt")
    with open(password_file, "w", encoding="utf-8") as f:
        f.write(password + "\nthe second line is not the password\n")

    done = jindu("export", "--db", db, "--today", TODAY, "--year", "2024", "--out", plain)
    check("plain export", done.returncode == 0, done.stderr.decode())
    done = jindu("export", "--db", db, "--today", TODAY, "--year", "2024", "--out", encrypted,
                 "--password-file", password_file)
    check("encrypted export exits 0", done.returncode == 0, done.stderr.decode())
    check("the password is not printed", password.encode() not in done.stdout + done.stderr)
    check("only the two workbooks are in the folder, no temporary file",
          sorted(os.listdir(out)) == ["encrypted.xlsx", "plain.xlsx"], str(os.listdir(out)))

    with open(encrypted, "rb") as f:
        data = f.read()
    check("an OLE2 compound file", data.startswith(bytes.fromhex("d0cf11e0a1b11ae1")))
    check("no plain text shows through",
          b"PK\x03\x04" not in data and "基本情况".encode() not in data
          and "基本情况".encode("utf-16-le") not in data
          and password.encode("utf-16-le") not in data and password.encode() not in data)

    back = decrypt(encrypted, password)
    check("msoffcrypto decrypts it with the password", isinstance(back, bytes), repr(back))
    if isinstance(back, bytes):
        mine = openpyxl.load_workbook(io.BytesIO(back))
        theirs = openpyxl.load_workbook(plain)
        check("all fourteen sheets, as in the plain export",
              mine.sheetnames == theirs.sheetnames and len(mine.sheetnames) == 14,
              str(mine.sheetnames))
        a, b = cells(mine), cells(theirs)
        differ = [name for name in b if a.get(name) != b[name]]
        check("every sheet's cells equal the plain export's", not differ, str(differ))
        rows = sum(len(rows) for rows in a.values())
        check("the sheets hold rows", rows > 100, f"{rows} rows")
    for wrong in ("台账 Ledger-2024", password + " ", "x"):
        refused = decrypt(encrypted, wrong)
        check(f"msoffcrypto refuses the wrong password {wrong!r}",
              isinstance(refused, Exception), repr(refused)[:80])
    # The title row names the township: "{township}2024年基本情况".
    title = openpyxl.load_workbook(plain)["基本情况"]["A1"].value
    township = title[:-len("2024年基本情况")]

    # Standard input, with a Windows line end.
    piped = os.path.join(out, "piped.xlsx")
    done = jindu("export", "--db", db, "--today", TODAY, "--year", "2024", "--out", piped,
                 "--registers", "summary,current", "--password-file", "-",
                 stdin=b"from stdin\r\nnext line\n")
    check("--password-file - exits 0", done.returncode == 0, done.stderr.decode())
    back = decrypt(piped, "from stdin")
    check("--password-file - reads the first line of standard input", isinstance(back, bytes),
          repr(back))
    if isinstance(back, bytes):
        check("its two sheets", openpyxl.load_workbook(io.BytesIO(back)).sheetnames
              == ["基本情况", "现有吸毒人员表"])

    # Typed at a terminal: a prompt, and the password is not echoed.
    typed = os.path.join(out, "typed.xlsx")
    status, shown = jindu_typed(["export", "--db", db, "--today", TODAY, "--year", "2024", "--out",
                                 typed, "--registers", "summary", "--password-file", "-"],
                                b"typed secret\n")
    check("--password-file - at a terminal exits 0", status == 0, shown)
    check("it prompts for the password and does not echo it",
          "Password for the workbook:" in shown and "typed secret" not in shown, shown)
    check("the typed password opens the workbook", isinstance(decrypt(typed, "typed secret"), bytes))
    os.unlink(typed)

    # Interrupted while the password is typed: the terminal echoes again, and no file.
    master, slave = pty.openpty()
    process = subprocess.Popen([JINDU, "export", "--db", db, "--year", "2024", "--out", typed,
                                "--password-file", "-"], stdin=slave, stdout=subprocess.DEVNULL,
                               stderr=slave)
    shown = b""
    while b"Password" not in shown and select.select([master], [], [], 30)[0]:
        shown += os.read(master, 1024)
    echo_while_typing = termios.tcgetattr(slave)[3] & termios.ECHO
    process.send_signal(signal.SIGINT)
    status = process.wait(timeout=60)
    check("the echo is off while the password is typed", not echo_while_typing)
    check("interrupted: killed by SIGINT, the echo back on, no file",
          status == -signal.SIGINT and termios.tcgetattr(slave)[3] & termios.ECHO
          and not os.path.exists(typed), f"status {status}")
    os.close(slave)
    os.close(master)

    # Passwords that cannot be used: a message, an exit code, and no file at all.
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "w").close()
    blank = os.path.join(tmp, "blank.txt")
    with open(blank, "w") as f:
        f.write("\nsecret on the second line\n")
    too_long = os.path.join(tmp, "long.txt")
    with open(too_long, "w") as f:
        f.write("a" * 256 + "\n")
    nul = os.path.join(tmp, "nul.txt")
    with open(nul, "wb") as f:
        f.write(b"ab\0cd\n")
    cases = [
        ("an empty file", ["--password-file", empty], None, 2, "the password is empty"),
        ("an empty first line", ["--password-file", blank], None, 2, "the password is empty"),
        ("empty standard input", ["--password-file", "-"], b"", 2, "the password is empty"),
        ("a missing file", ["--password-file", os.path.join(tmp, "none.txt")], None, 1,
         "none.txt cannot be read: No such file or directory"),
        ("a folder", ["--password-file", tmp], None, 1, "cannot be read: Is a directory"),
        ("256 characters", ["--password-file", too_long], None, 2,
         "longer than 255 characters"),
        ("a NUL byte", ["--password-file", nul], None, 1, "holds a NUL byte"),
    ]
    for name, args, stdin, status, message in cases:
        target = os.path.join(out, "refused.xlsx")
        done = jindu("export", "--db", db, "--year", "2024", "--out", target, *args,
                     stdin=stdin if stdin is not None else b"")
        err = done.stderr.decode()
        check(f"{name}: exit {status} and says so",
              done.returncode == status and message in err and "--password-file" in err,
              f"exit {done.returncode}: {err.strip()}")
        check(f"{name}: no file written", sorted(os.listdir(out))
              == ["encrypted.xlsx", "piped.xlsx", "plain.xlsx"], str(os.listdir(out)))

    # LibreOffice, with and without the password (three sheets, to keep the printing short).
    small = os.path.join(out, "small.xlsx")
    done = jindu("export", "--db", db, "--today", TODAY, "--year", "2024", "--out", small,
                 "--registers", "summary,current,letters", "--password-file", password_file)
    check("the small encrypted export", done.returncode == 0, done.stderr.decode())
    pdf = os.path.join(tmp, "small.pdf")
    # Without a password and with a wrong one first: the PDF is the right password's.
    loaded = libreoffice_pdf(small, [None, "wrong", password], pdf)
    if isinstance(loaded, str):
        results.append(("LibreOffice opens it with the password", None, loaded))
    else:
        check("LibreOffice cannot load it without the password", loaded[0] is None, str(loaded[0]))
        check("LibreOffice cannot load it with a wrong password", loaded[1] is None,
              str(loaded[1]))
        names = loaded[2]
        wanted = ["基本情况", "现有吸毒人员表", "禁毒责任书签订台账"]
        check("LibreOffice opens it with the password, with its three sheets", names == wanted,
              str(names))
        if names and shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                  timeout=60).stdout.decode("utf-8", "replace")
            missing = [s for s in wanted if TITLE.format(township=township, sheet=s) not in text]
            check("LibreOffice prints every sheet's title", not missing, str(missing))

    shutil.rmtree(tmp)
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print(f"ok {i} - {name} # SKIP {detail}")
        elif ok:
            print(f"ok {i} - {name}")
        else:
            failed += 1
            print(f"not ok {i} - {name}")
            for line in detail.splitlines() or [""]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
