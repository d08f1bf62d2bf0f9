#!/usr/bin/env python3
"""The HTML report in a real browser (issue 14 item 4): headless Chromium,
driven over its DevTools protocol on a pipe (--remote-debugging-pipe: JSON
messages ended by NUL on file descriptors 3 and 4, so nothing beyond the
Python standard library is needed).

    browser.py check MAMORI      the demo's report: cases, time line, filters
                                 after a click, no script error, no request
                                 beyond the file itself; a report of media
                                 with hostile file names renders inert; the
                                 month's report is under 2 MB (its load time
                                 is printed)
    browser.py shots MAMORI DIR  DIR/report.png (the demo report) and
                                 DIR/case.pdf (one case printed on A4)

Exit 0 on success, 1 on a failed check, 77 when Chromium is not installed.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Browser:
    def __init__(self, workdir):
        # The binary itself: Debian's /usr/bin/chromium is a shell wrapper.
        exe = ("/usr/lib/chromium/chromium"
               if os.access("/usr/lib/chromium/chromium", os.X_OK)
               else shutil.which("chromium") or shutil.which("chromium-browser"))
        if exe is None:
            print("skipped: chromium is not installed (scripts/packages.txt)")
            sys.exit(77)
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # The browser reads commands on fd 3 and writes on fd 4; subprocess
        # closes other descriptors after preexec_fn, so 3 and 4 are kept.
        def child_fds():
            r, w = to_browser_r, from_browser_w
            if w == 3:
                w = os.dup(w)
            os.dup2(r, 3)
            os.dup2(w, 4)
        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run",
             "--disable-extensions", "--disable-background-networking",
             f"--user-data-dir={workdir}/profile", "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    def navigate(self, url):
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True,
                            "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self, page_url):
        """Script errors, console errors, CSP violations, dialogs and any
        request other than the page itself."""
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(f"script error: {params['exceptionDetails'].get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                out.append(f"console {params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
            elif method == "Page.javascriptDialogOpening":
                out.append(f"a dialog opened: {params.get('message')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != page_url:
                    out.append(f"network request: {url}")
        return out


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, **kw)


def demo_report(mamori, out, fmt="html"):
    result = run([mamori, "scan", "--assets", "samples/assets.toml",
                  "--roster", "samples/roster.csv", "--devices",
                  "samples/devices.csv", "--log",
                  "samples/logs/fs01-samba-audit.log", "--log",
                  "samples/logs/ws07-syslog", "--log",
                  "samples/logs/ws07-audit.log", "--tz", "Asia/Tokyo",
                  "--format", fmt, "-o", out, "samples/media"])
    if result.returncode != 1:
        sys.exit(f"FAIL: the demo scan exited {result.returncode}: {result.stderr}")


failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}")


def check_demo(browser, mamori, work):
    page = os.path.join(work, "demo.html")
    demo_report(mamori, page)
    jsonl = os.path.join(work, "demo.jsonl")
    demo_report(mamori, jsonl, "jsonl")
    findings = [json.loads(l) for l in open(jsonl, encoding="utf-8")
                if '"type":"finding"' in l]
    people = {f["user"] for f in findings if f.get("user")}
    url = "file://" + page
    browser.navigate(url)
    for p in browser.problems(url):
        check(False, f"demo report: {p}")
    ev = browser.evaluate
    check(ev("document.querySelectorAll('section.case[id^=case-]').length") == len(people),
          f"one case per person ({len(people)})")
    check(ev("document.querySelectorAll('details.finding').length") == len(findings),
          f"every finding ({len(findings)}) is in the page")
    check(ev("document.querySelector('section.case svg.timeline rect.bar') !== null"),
          "the first case has a time line with bars")
    check(ev("document.querySelector('svg.timeline').getBoundingClientRect().width") > 300,
          "the time line is drawn at a readable width")
    check(ev("document.getElementById('f-count').textContent") == str(len(findings)),
          "the counter shows every finding before filtering")
    # Filters after a user's choice: critical only, then a person, then search.
    critical = sum(1 for f in findings if f["severity"] == "critical")
    ev("(function(){var s=document.getElementById('f-sev');s.value='4';"
       "s.dispatchEvent(new Event('input'));})()")
    check(ev("document.querySelectorAll('details.finding:not(.hidden)').length") == critical,
          f"severity filter: {critical} critical findings shown")
    check(ev("document.getElementById('f-count').textContent") == str(critical),
          "the counter follows the filter")
    ev("(function(){var s=document.getElementById('f-sev');s.value='0';"
       "s.dispatchEvent(new Event('input'));"
       "var t=document.getElementById('f-text');t.value='q1.zip';"
       "t.dispatchEvent(new Event('input'));})()")
    with_zip = ev("Array.from(document.querySelectorAll('details.finding:not(.hidden)'))"
                  ".every(function(d){return d.textContent.indexOf('q1.zip')>=0})")
    check(with_zip and ev("document.querySelectorAll('details.finding:not(.hidden)').length") > 0,
          "search shows exactly the findings that mention q1.zip")
    check(ev("Array.from(document.querySelectorAll('details.finding.hidden'))"
             ".every(function(d){return getComputedStyle(d).display==='none'})")
          and ev("document.querySelectorAll('details.finding.hidden').length") > 0,
          "filtered-out findings are not displayed")
    check(ev("document.querySelectorAll('script').length") == 1, "one script, the page's own")


def check_hostile(browser, mamori, work):
    media = os.path.join(work, "media")
    os.makedirs(media)
    names = ["<script>alert(1)<\\script>.txt", "\x1b[31mred\u202eexe.txt",
             "<img src=x onerror=alert(2)>.txt"]
    for name in names:
        with open(os.path.join(media, name.replace("/", "_")), "w", encoding="utf-8") as f:
            f.write("【社外秘】\n第3四半期 生産計画\n")
    page = os.path.join(work, "hostile.html")
    result = run([mamori, "scan", "--format", "html", "-o", page, media])
    check(result.returncode == 1, f"hostile media scan exits 1 (got {result.returncode})")
    url = "file://" + page
    browser.navigate(url)
    for p in browser.problems(url):
        check(False, f"hostile report: {p}")
    check(browser.evaluate("document.querySelectorAll('script').length") == 1,
          "hostile names add no script")
    check(browser.evaluate("document.querySelectorAll('img').length") == 0,
          "hostile names add no element")
    check(browser.evaluate("document.body.textContent.indexOf('<script>alert(1)') >= 0"),
          "a hostile name is shown as text")


def check_month(browser, mamori, work):
    month = os.path.join(work, "month")
    gen = run([sys.executable, "samples/month/make-month.py", month])
    if gen.returncode != 0:
        check(False, f"make-month.py: {gen.stderr[-300:]}")
        return
    truth = json.load(open(os.path.join(month, "truth.json"), encoding="utf-8"))
    page = os.path.join(work, "month.html")
    cmd = [mamori, "scan", "--format", "html", "--tz", "Asia/Tokyo", "-o", page,
           "--assets", os.path.join(month, "assets.toml"),
           "--roster", os.path.join(month, "roster.csv"),
           "--devices", os.path.join(month, "devices.csv")]
    for log in truth["logs"]:
        cmd += ["--log", os.path.join(month, log)]
    result = run(cmd)
    check(result.returncode in (0, 1), f"month scan exits 0 or 1 (got {result.returncode})")
    size = os.path.getsize(page)
    check(size < 2 * 1024 * 1024, f"the month's report is under 2 MB ({size} bytes)")
    url = "file://" + page
    browser.navigate(url)
    for p in browser.problems(url):
        check(False, f"month report: {p}")
    load_ms = browser.evaluate(
        "(function(){var t=performance.getEntriesByType('navigation')[0];"
        "return t.loadEventEnd-t.startTime;})()")
    # Speed is a figure, not a check (timed tests fail on a loaded machine).
    print(f"month report: {size} bytes, loaded in {load_ms:.0f} ms")


def shots(browser, mamori, work, outdir):
    page = os.path.join(work, "demo.html")
    demo_report(mamori, page)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1200, "height": 1500, "deviceScaleFactor": 1, "mobile": False})
    browser.navigate("file://" + page)
    browser.evaluate("document.querySelector('#case-0 details.finding').open=true")
    png = browser.send("Page.captureScreenshot", {"format": "png"})
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "report.png"), "wb") as f:
        f.write(base64.b64decode(png["data"]))
    # One case on A4: the others hidden, as a responder would print it.
    browser.evaluate("document.querySelectorAll('section').forEach(function(s){"
                     "if(s.id!=='case-0')s.remove()})")
    pdf = browser.send("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                           "printBackground": True}, timeout=60)
    with open(os.path.join(outdir, "case.pdf"), "wb") as f:
        f.write(base64.b64decode(pdf["data"]))
    print(f"wrote {outdir}/report.png and {outdir}/case.pdf")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("check", "shots"):
        sys.exit(__doc__)
    mamori = os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        browser = Browser(work)
        try:
            browser.open_page()
            if sys.argv[1] == "shots":
                shots(browser, mamori, work, os.path.abspath(sys.argv[3]))
                return
            check_demo(browser, mamori, work)
            check_hostile(browser, mamori, work)
            check_month(browser, mamori, work)
        finally:
            browser.close()
    if failures:
        sys.exit(1)
    print("HTML report in Chromium: every check passed")


if __name__ == "__main__":
    main()
