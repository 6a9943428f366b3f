#!/usr/bin/env python3
"""Drives the tender console (`tender serve`) in a real headless Chromium, through Playwright's sync API.

Usage:
  console_browser.py --url http://127.0.0.1:PORT \
      --buyer-name NAME --buyer-token TOKEN --auditor-name NAME --auditor-token TOKEN \
      --procurement ocds-h6vhtk-04a1b2-lot-1 --winner T-0003 \
      [--operator-name NAME --operator-token TOKEN] [--screenshots DIR] [--chromium PATH] [--timeout SECONDS]

Checks, each printing "ok: ..." when it passes:
  - signed out, / shows the sign-in form (form#signin); the buyer signs in (POST /signin -> 303) and lands on
    /procurements, with an HttpOnly SameSite=Strict session cookie, table#procurements and the procurement's row;
  - the row's link opens the procurement: p#winner and tr.winner name the winner, section#charts has a visible <svg>;
  - the buyer gets 403 on /ledger; the sign-out button (form#signout) ends the session (back to the sign-in form);
  - the auditor signs in, /ledger lists entries (table#entries, tr[data-seq]), the first row's link opens its entry;
    /ledger/entries/0 shows pre#body (JSON), section#proof with a non-empty ol#proof-hashes (unless the tree has
    one entry) and pre#checkpoint-note with a signature line ("— ");
  - with --operator-*: the operator lands on /status (200) and gets 403 on /procurements;
  - a wrong token shows the sign-in form again with status 401.
With --screenshots DIR, full-page PNGs of the sign-in page, the procurements list, the procurement, the ledger, an
entry and (with an operator) the status page are saved in DIR.

Exit 0 when every check passes; 1 on the first failure (expected and found are printed, and a screenshot and the
page's HTML are saved to DIR, else to a temporary folder); 77 when Playwright or Chromium is not installed
(`pip install playwright`; Debian's `chromium` package: no browser download is needed).
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.parse

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError as error:
    print(f"not installed: playwright ({error}); pip install playwright", flush=True)
    sys.exit(77)


class Failure(Exception):
    """A check that did not pass: what was expected and what was found."""

    def __init__(self, step, expected, found):
        super().__init__(f"{step}: expected {expected}; found {found}")
        self.step, self.expected, self.found = step, expected, found


def ok(message):
    print(f"ok: {message}", flush=True)


def expect(condition, step, expected, found):
    if not condition:
        raise Failure(step, expected, found)


def css_string(value):
    """A CSS string literal for attribute selectors."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Console:
    def __init__(self, args, browser):
        self.args = args
        self.base = args.url.rstrip("/")
        self.browser = browser
        self.context = None
        self.page = None
        self.screenshots = args.screenshots

    # Pages and sessions

    def new_session(self):
        """A fresh browser context: no cookies."""
        if self.context is not None:
            self.context.close()
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(self.args.timeout * 1000)
        self.page = self.context.new_page()

    def path(self):
        return urllib.parse.urlsplit(self.page.url).path

    def goto(self, path):
        response = self.page.goto(self.base + path)
        expect(response is not None, f"GET {path}", "a response", "none")
        return response

    def text(self, selector):
        return (self.page.locator(selector).first.text_content() or "").strip()

    def count(self, selector):
        return self.page.locator(selector).count()

    def require(self, selector, step):
        expect(self.count(selector) >= 1, step, f"an element {selector} on {self.path()}", "none")

    def shot(self, name):
        if self.screenshots:
            target = os.path.join(self.screenshots, f"{name}.png")
            self.page.screenshot(path=target, full_page=True)
            print(f"screenshot: {target}", flush=True)

    def expect_signin_form(self, step):
        for selector in ('form#signin', 'form#signin input[name="name"]', 'form#signin input[name="token"]',
                         'form#signin [type="submit"]'):
            self.require(selector, step)

    def submit_signin(self, name, token):
        """Fills form#signin on the current page and submits it; returns (response, chain of (method, url,
        status)) where the chain starts at the form's POST and follows the redirects."""
        self.page.fill('form#signin input[name="name"]', name)
        self.page.fill('form#signin input[name="token"]', token)
        with self.page.expect_navigation() as navigation:
            self.page.click('form#signin [type="submit"]')
        response = navigation.value
        expect(response is not None, "sign-in", "a response to the form's POST", "none")
        requests = []
        request = response.request
        while request is not None:
            requests.append(request)
            request = request.redirected_from
        requests.reverse()
        chain = []
        for request in requests:
            answer = request.response()
            chain.append((request.method, urllib.parse.urlsplit(request.url).path,
                          answer.status if answer is not None else None))
        return response, chain

    def sign_in(self, role, name, token):
        """From a signed-out page showing form#signin: signs in and checks the POST's 303."""
        response, chain = self.submit_signin(name, token)
        described = " -> ".join(f"{m} {p} {s}" for m, p, s in chain)
        first = chain[0]
        expect(first[0] == "POST" and first[1] == "/signin" and first[2] == 303, f"{role} sign-in",
               "POST /signin answered 303", described)
        expect(response.status == 200, f"{role} sign-in", "the redirects to end on a 200 page",
               f"{described} (at {self.path()})")
        ok(f"{role} signs in ({described})")
        return response

    def session_cookie_check(self, role):
        cookies = self.context.cookies(self.base)
        strict = [c for c in cookies if c.get("httpOnly") and c.get("sameSite") == "Strict"]
        found = ", ".join(f"{c['name']} httpOnly={c.get('httpOnly')} sameSite={c.get('sameSite')}"
                          for c in cookies) or "no cookies"
        expect(strict, f"{role} session cookie", "an HttpOnly SameSite=Strict cookie", found)
        ok(f"{role} session cookie {strict[0]['name']} is HttpOnly, SameSite=Strict")

    def sign_out(self, role):
        self.goto("/procurements")
        self.require("form#signout button", f"{role} sign-out")
        with self.page.expect_navigation():
            self.page.click("form#signout button")
        expect(self.path() == "/signin", f"{role} sign-out", "to land on /signin", self.path())
        self.expect_signin_form(f"{role} sign-out")
        response = self.goto("/procurements")
        expect(response.status == 401, f"{role} signed out", "GET /procurements answered 401 after signing out",
               response.status)
        self.expect_signin_form(f"{role} signed out")
        ok(f"{role} signs out (form#signout -> /signin; /procurements is 401 again)")

    # The steps

    def signed_out_root(self):
        self.new_session()
        response = self.goto("/")
        expect(response.status in (200, 401), "signed out GET /", "status 401 (or 200 after a redirect)",
               response.status)
        self.expect_signin_form("signed out GET /")
        ok(f"signed out, / shows the sign-in form (status {response.status}, at {self.path()})")
        self.shot("signin")

    def buyer_procurements(self):
        a = self.args
        self.sign_in("buyer", a.buyer_name, a.buyer_token)
        expect(self.path() == "/procurements", "buyer sign-in", "to land on /procurements", self.path())
        self.session_cookie_check("buyer")
        self.require("table#procurements", "procurements list")
        row = f"table#procurements tr[data-procurement={css_string(a.procurement)}]"
        rows = [self.page.locator("tr[data-procurement]").nth(i).get_attribute("data-procurement")
                for i in range(self.count("tr[data-procurement]"))]
        expect(self.count(row) == 1, "procurements list", f"one row tr[data-procurement=\"{a.procurement}\"]",
               f"rows {rows}")
        state = self.text(f"{row} td.state")
        expect(state in ("open", "closed", "final"), "procurements list", "td.state open, closed or final",
               repr(state))
        ok(f"buyer lands on /procurements; table#procurements has {a.procurement} ({state})")
        self.shot("procurements")

    def buyer_procurement_page(self):
        a = self.args
        link = (f"tr[data-procurement={css_string(a.procurement)}] "
                f"a[href={css_string('/procurements/' + a.procurement)}]")
        self.require(link, "procurement link")
        with self.page.expect_navigation() as navigation:
            self.page.click(link)
        response = navigation.value
        expected_path = "/procurements/" + a.procurement
        expect(self.path() == expected_path and response is not None and response.status == 200,
               "procurement page", f"200 at {expected_path}",
               f"{response.status if response else None} at {self.path()}")
        title = self.text("h1")
        expect(title != "", "procurement page", "a title in h1", repr(title))
        ok(f"the row's link opens {expected_path}: {title}")
        self.require("section#standings table#standings-table", "standings")
        self.require("p#winner", "winner")
        winner = self.text("p#winner")
        expect(a.winner in winner, "winner", f"p#winner naming {a.winner}", repr(winner))
        self.require("tr.winner", "winner row")
        winner_row = re.sub(r"\s+", " ", self.text("tr.winner"))
        expect(a.winner in winner_row, "winner row", f"tr.winner naming {a.winner}", repr(winner_row))
        ok(f"p#winner and tr.winner name {a.winner} ({winner!r})")
        charts = self.page.locator("section#charts svg")
        total = charts.count()
        expect(total >= 1, "charts", "at least one <svg> in section#charts", total)
        widths = []
        for i in range(total):
            chart = charts.nth(i)
            box = chart.bounding_box() if chart.is_visible() else None
            widths.append(round(box["width"]) if box else 0)
        expect(max(widths) > 100, "charts", "a visible chart wider than 100 px", f"widths {widths}")
        ok(f"section#charts has {total} svg chart(s), widest {max(widths)} px")
        self.shot("procurement")

    def buyer_refused_ledger(self):
        response = self.goto("/ledger")
        expect(response.status == 403, "buyer GET /ledger", "status 403", response.status)
        ok("the buyer gets 403 on /ledger")
        self.sign_out("buyer")

    def auditor_ledger(self):
        a = self.args
        self.sign_in("auditor", a.auditor_name, a.auditor_token)
        expect(self.path() == "/procurements", "auditor sign-in", "to land on /procurements", self.path())
        response = self.goto("/ledger")
        expect(response.status == 200, "auditor GET /ledger", "status 200", response.status)
        self.require("table#entries", "ledger")
        rows = self.count("table#entries tr[data-seq]")
        expect(rows >= 1, "ledger", "rows tr[data-seq] in table#entries", rows)
        first = self.page.locator("table#entries tr[data-seq]").first
        seq = first.get_attribute("data-seq")
        ok(f"the auditor's /ledger lists {rows} entries (first seq {seq})")
        self.shot("ledger")
        link = first.locator("a").first
        expect(link.count() == 1, "ledger row link", "a link in the first tr[data-seq]", "none")
        with self.page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        expected_path = f"/ledger/entries/{seq}"
        expect(self.path() == expected_path and response is not None and response.status == 200,
               "entry link", f"200 at {expected_path}", f"{response.status if response else None} at {self.path()}")
        body = self.text("pre#body")
        expect(body != "", "entry link", "a non-empty pre#body", repr(body))
        ok(f"the first row's link opens {expected_path} with its body")

    def auditor_entry(self):
        response = self.goto("/ledger/entries/0")
        expect(response.status == 200, "GET /ledger/entries/0", "status 200", response.status)
        self.require("pre#body", "entry 0")
        body = self.text("pre#body")
        expect(body != "", "entry 0", "a non-empty pre#body", repr(body))
        try:
            json.loads(body)
        except ValueError as error:
            raise Failure("entry 0", "pre#body holding the entry's JSON", f"{error}: {body[:200]!r}")
        ok(f"/ledger/entries/0 shows its JSON body ({len(body)} characters)")
        self.require("section#proof", "proof")
        expect(self.page.locator("section#proof").first.is_visible(), "proof", "section#proof visible", "hidden")
        size_text = self.text("#proof-size")
        digits = re.search(r"\d+", size_text)
        size = int(digits.group()) if digits else None
        hashes = [self.page.locator("ol#proof-hashes li").nth(i).text_content() or ""
                  for i in range(self.count("ol#proof-hashes li"))]
        if size == 1:
            ok("section#proof: a one-entry tree, empty proof")
        else:
            expect(len(hashes) >= 1, "proof", f"ol#proof-hashes li >= 1 (#proof-size {size_text!r})",
                   f"{len(hashes)} items")
            bad = [h.strip() for h in hashes if not re.search(r"\b[0-9a-fA-F]{64}\b", h)]
            expect(not bad, "proof", "hex SHA-256 hashes in ol#proof-hashes", f"{bad[:3]}")
            ok(f"section#proof: tree size {size_text!r}, {len(hashes)} proof hashes")
        note = self.page.locator("pre#checkpoint-note").first
        expect(note.count() == 1, "checkpoint", "pre#checkpoint-note", "none")
        note_text = note.text_content() or ""
        expect("\u2014 " in note_text, "checkpoint", "a signature line ('— ') in pre#checkpoint-note",
               repr(note_text[:300]))
        ok("pre#checkpoint-note holds a signed note")
        self.shot("entry")

    def operator_status(self):
        a = self.args
        self.new_session()
        self.goto("/signin")
        self.expect_signin_form("operator sign-in")
        self.sign_in("operator", a.operator_name, a.operator_token)
        expect(self.path() == "/status", "operator sign-in", "to land on /status", self.path())
        response = self.goto("/status")
        expect(response.status == 200, "operator GET /status", "status 200", response.status)
        ok("the operator lands on /status")
        self.shot("status")
        response = self.goto("/procurements")
        expect(response.status == 403, "operator GET /procurements", "status 403", response.status)
        ok("the operator gets 403 on /procurements")

    def wrong_token(self):
        self.new_session()
        response = self.goto("/signin")
        expect(response.status == 200, "GET /signin", "status 200", response.status)
        self.expect_signin_form("GET /signin")
        response, chain = self.submit_signin(self.args.buyer_name, self.args.buyer_token + "-wrong")
        described = " -> ".join(f"{m} {p} {s}" for m, p, s in chain)
        expect(response.status == 401 and len(chain) == 1, "wrong token", "POST /signin answered 401", described)
        self.expect_signin_form("wrong token")
        response = self.goto("/procurements")
        expect(response.status == 401, "wrong token", "still signed out (GET /procurements 401)", response.status)
        ok("a wrong token shows the sign-in form again with status 401")


def find_chromium(configured):
    """--chromium or TENDER_CHROMIUM when given (no fallback), else chromium on PATH."""
    configured = configured or os.environ.get("TENDER_CHROMIUM")
    candidates = [configured] if configured else [shutil.which("chromium"), shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def save_failure(console, folder):
    """Saves a screenshot and the HTML of the page where a check failed; prints where."""
    if console is None or console.page is None:
        return
    try:
        os.makedirs(folder, exist_ok=True)
        picture = os.path.join(folder, "failure.png")
        console.page.screenshot(path=picture, full_page=True)
        html = os.path.join(folder, "failure.html")
        with open(html, "w", encoding="utf-8") as out:
            out.write(console.page.content())
        print(f"page at failure: {console.page.url}; screenshot {picture}; HTML {html}", flush=True)
    except PlaywrightError as error:
        print(f"could not save the failure's screenshot: {error}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the console's base URL, e.g. http://127.0.0.1:8470")
    parser.add_argument("--buyer-name", required=True)
    parser.add_argument("--buyer-token", required=True)
    parser.add_argument("--auditor-name", required=True)
    parser.add_argument("--auditor-token", required=True)
    parser.add_argument("--operator-name")
    parser.add_argument("--operator-token")
    parser.add_argument("--procurement", required=True, help="a procurement's id, e.g. ocds-h6vhtk-04a1b2-lot-1")
    parser.add_argument("--winner", required=True, help="the winning tender's id, e.g. T-0003")
    parser.add_argument("--screenshots", help="a folder for full-page PNGs (and the failure's screenshot)")
    parser.add_argument("--chromium", help="the browser binary (default: TENDER_CHROMIUM, else chromium on PATH)")
    parser.add_argument("--timeout", type=float, default=20, help="seconds to wait for each page or element")
    args = parser.parse_args()
    if bool(args.operator_name) != bool(args.operator_token):
        parser.error("--operator-name and --operator-token go together")

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("not installed: chromium (apt-get install -y chromium, or --chromium PATH)", flush=True)
        return 77
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)

    console = None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            try:
                ok(f"chromium {browser.version} ({chromium})")
                console = Console(args, browser)
                console.signed_out_root()
                console.buyer_procurements()
                console.buyer_procurement_page()
                console.buyer_refused_ledger()
                console.auditor_ledger()
                console.auditor_entry()
                if args.operator_name:
                    console.operator_status()
                console.wrong_token()
            except (Failure, PlaywrightError) as error:
                if isinstance(error, Failure):
                    print(f"FAIL: {error.step}\n  expected: {error.expected}\n  found:    {error.found}", flush=True)
                else:
                    print(f"FAIL: {type(error).__name__}: {error}", flush=True)
                save_failure(console, args.screenshots or tempfile.mkdtemp(prefix="console-browser-"))
                return 1
            finally:
                browser.close()
    except PlaywrightError as error:
        print(f"FAIL: could not start chromium ({chromium}): {error}", flush=True)
        return 1
    print("all console browser checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
