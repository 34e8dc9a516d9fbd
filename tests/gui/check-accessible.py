#!/usr/bin/python3
"""What a screen reader hears (docs/architecture.md, "Accessibility").

Runs the window on a ledger under the session bus this script is given
(dbus-run-session) with the accessibility bus, shows every section in turn
(a second `jindu --section NAME` hands it to the first, as a user's would) and
reads the accessible tree through AT-SPI, as Orca does. Every control a user
can reach must have a name that says what it does: not empty, not a widget
class name ("GtkMenuButton" is what GTK 4.8 announces for an unnamed one), no
mnemonic underscore, and in Chinese when the interface is. What
src/gui/jd-accessible.c mends when a widget is realized (a mnemonic button, a
drop-down's own button) is not held against a widget never shown yet: the
first run of the window without a ledger shows its empty page for that.

usage: check-accessible.py LANGUAGE (en or zh_CN), with $JINDU the program and
$JINDU_LOCALEDIR its translations. Exit 77 (skip) without a display, D-Bus or,
for zh_CN, the zh_CN.UTF-8 locale (build-aux/test makes it).
"""
import locale
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

LANGUAGE = sys.argv[1]
JINDU = os.environ["JINDU"]
TODAY = "2025-06-30"

if not os.environ.get("DISPLAY") or not shutil.which("dbus-run-session"):
    sys.exit(77)
if LANGUAGE.startswith("zh"):
    try:
        locale.setlocale(locale.LC_ALL, "zh_CN.UTF-8")
    except locale.Error:
        print("no zh_CN.UTF-8 locale: skipped")
        sys.exit(77)
    locale.setlocale(locale.LC_ALL, "C.UTF-8")
# A private session bus, so the accessibility bus and the window are ours.
if not os.environ.get("JD_ACCESSIBLE_INSIDE"):
    os.environ["JD_ACCESSIBLE_INSIDE"] = "1"
    # The suite makes warnings fatal; pyatspi warns that GTK has no AT-SPI cache.
    os.environ.pop("G_DEBUG", None)
    os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)

import pyatspi  # noqa: E402 (after the bus exists)
SECTIONS = ["todo", "people", "villages", "activities", "venues", "assessments", "dashboard"]
# A county ledger's sections (docs/contract.md §9), on a county of the demo's package.
COUNTY_SECTIONS = ["dashboard", "readiness", "todo", "townships", "duplicates", "packages"]

# Roles a user reaches with Tab or the pointer and acts on.
CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LINK, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_SWITCH if hasattr(pyatspi, "ROLE_SWITCH") else -1,
    pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_IMAGE,
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Jd)[A-Z][A-Za-z]*$")
MNEMONIC = re.compile(r"_\w")
HAN = re.compile(r"[\u4e00-\u9fff]")


def env():
    e = dict(os.environ)
    e["LANGUAGE"] = LANGUAGE
    e["LANG"] = "zh_CN.UTF-8" if LANGUAGE.startswith("zh") else "C.UTF-8"
    e["LC_ALL"] = e["LANG"]
    e["GTK_A11Y"] = "atspi"
    e.pop("NO_AT_BRIDGE", None)
    return e


def find_app(timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "jindu":
                return app
        time.sleep(0.3)
    sys.exit("the window never appeared on the accessibility bus")


class Node:
    """One accessible, read once: each AT-SPI call is a D-Bus round trip."""

    def __init__(self, acc, parent):
        self.parent = parent
        self.acc = acc
        self.role = acc.getRole()
        self.role_name = acc.getRoleName()
        self.name = acc.name or ""
        self.focusable = acc.getState().contains(pyatspi.STATE_FOCUSABLE)
        self.children = []

    def label(self):
        return "%s '%s'" % (self.role_name, self.name)

    def path(self, depth):
        parts, node = [], self
        while node is not None and len(parts) < depth:
            parts.insert(0, node.label())
            node = node.parent
        return " > ".join(parts)

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()


# A list's rows come from one factory: the first few tell for all of them, and
# reading thousands over D-Bus would take minutes.
LISTS = (pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE)
ROWS_READ = 3


def read_tree(acc, parent=None):
    node = Node(acc, parent)
    count = acc.childCount
    if node.role in LISTS:
        count = min(count, ROWS_READ)
    for i in range(count):
        child = acc.getChildAtIndex(i)
        if child is not None:
            try:
                node.children.append(read_tree(child, node))
            except Exception:
                pass  # gone while we read: a row recycled by its list
    return node


def named(name):
    return bool(name.strip()) and not CLASS_NAME.match(name)


ROWS = (pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW)


def never_shown(node):
    """A widget GTK never allocated (a tab not opened yet) reports no size."""
    try:
        extents = node.acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return extents.width <= 0 and extents.height <= 0
    except Exception:
        return False


def mended_when_shown(node):
    """What src/gui/jd-accessible.c mends when a widget is realized: a mnemonic
    button's name, and a drop-down's own button."""
    return MNEMONIC.search(node.name) or (
        node.parent is not None and node.parent.role == pyatspi.ROLE_COMBO_BOX
        and CLASS_NAME.match(node.name))


def problems_in(app, where):
    """What a screen reader would get wrong in the window as it is now."""
    found = []
    for node in read_tree(app).descendants():
        if node.role not in CONTROLS:
            continue
        if node.role in ROWS + (pyatspi.ROLE_IMAGE,) and not node.focusable:
            continue
        if node.role in ROWS:
            # A row is read by its cells: it needs a name or names inside.
            if not named(node.name) and not any(named(d.name) for d in node.descendants()):
                found.append("%s: an empty row: %s" % (where, node.path(4)))
            continue
        if mended_when_shown(node) and never_shown(node):
            continue  # mended before anyone can reach it
        if not named(node.name):
            found.append("%s: no name: %s" % (where, node.path(4)))
        elif MNEMONIC.search(node.name):
            found.append("%s: a mnemonic in the name: %s" % (where, node.path(3)))
        elif (LANGUAGE.startswith("zh") and not HAN.search(node.name)
              and re.search(r"[A-Za-z]{3}", node.name)):
            found.append("%s: an English name: %s" % (where, node.path(3)))
    return found


def run_window(args, pages, environment):
    """Opens the window with args and reads it on each of pages, shown in turn."""
    window = subprocess.Popen([JINDU, "--today", TODAY] + args + ["--section", pages[0]],
                              env=environment)
    problems = []
    try:
        app = find_app()
        for page in pages:
            if page != pages[0]:
                subprocess.run([JINDU, "--today", TODAY] + args + ["--section", page],
                               env=environment, check=True, timeout=30)
            # Let the page load its rows (they arrive from worker threads).
            time.sleep(1.5)
            problems += problems_in(app, page)
    finally:
        window.terminate()
        window.wait(timeout=30)
    return problems


def main():
    bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
    time.sleep(0.5)
    try:
        with tempfile.TemporaryDirectory() as folder:
            ledger = os.path.join(folder, "demo.db")
            subprocess.run([JINDU, "demo", "--db", ledger, "--today", TODAY], check=True,
                           stdout=subprocess.DEVNULL)
            problems = run_window(["--db", ledger], SECTIONS, env())
            package = os.path.join(folder, "demo.jdpkg")
            county = os.path.join(folder, "county.db")
            for command in (["package", "--db", ledger, "--out", package],
                            ["county", "init", "--db", county, "--county", "某县"],
                            ["county", "add", "--db", county, package]):
                subprocess.run([JINDU] + command, check=True, stdout=subprocess.DEVNULL)
            problems += ["county " + p
                         for p in run_window(["--db", county], COUNTY_SECTIONS, env())]
        # No ledger yet: the window shows its empty page.
        with tempfile.TemporaryDirectory() as home:
            first_run = env()
            first_run["XDG_DATA_HOME"] = home
            problems += [p.replace("todo:", "no ledger:", 1)
                         for p in run_window([], ["todo"], first_run)]
    finally:
        bus.terminate()
    unique = list(dict.fromkeys(problems))
    for line in unique:
        print(line)
    print("%d controls without a proper name (%s)" % (len(unique), LANGUAGE))
    sys.exit(1 if unique else 0)


main()
