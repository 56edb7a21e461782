"""The notebooks in a real JupyterLab: Restart Kernel and Run All in headless Chromium, as a user would.

Starts JupyterLab on 127.0.0.1 with a free port and a token, on a copy of notebooks/ (so nothing committed is
touched) and with its own settings, workspace, data, runtime and IPython folders (nothing of an earlier run or
of another JupyterLab on the machine is shared), runs every notebook, fails on error or stderr output and on any
cell that did not run, checks that figures and widgets rendered, saves a screenshot per notebook (and one of its
first widget) in build/screenshots/, shuts each notebook's kernel down, and always stops the server.
Chromium comes from Debian (/usr/bin/chromium): `make test` installs it when missing.

Each step is checked before the next (README, "The browser test"; issue 9): the kernel must be connected, idle
and answer a request, with nothing else the page sent still in flight, before it is restarted (a restart sent
while the kernel still started made the server drop the page's requests, and hold 3.4 GB); the restart must give
a new kernel process that answers; Run All must start the cells, and the execution counts must read 1, 2, 3...
A Run All that provably went nowhere (the kernel is idle, answers a request sent after it, and started nothing
for a while) is retried once, after a new restart, with a warning that says so.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TOKEN = "nbtest-" + os.urandom(8).hex()
KERNEL_TIMEOUT = 90  # s for a kernel to start (or restart) and answer, on a loaded 2-core machine
RUN_TIMEOUT = 120  # s for one Run All of a notebook (each takes 3 to 15 s)
QUIET = 15  # s without any kernel message while cells wait, before Run All is checked for a lost command
SERVER_RSS_LIMIT = 1 << 30  # a JupyterLab server running these notebooks holds about 120 MB


class Lab:
    """A running JupyterLab server: its address, folder, log and process."""

    def __init__(self, root: Path, process: subprocess.Popen, base: str):
        self.root, self.process, self.base = root, process, base
        self.log = root / "lab.log"
        self.peak_rss = 0

    def api(self, method: str, path: str, timeout: float = 30):
        request = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def rss(self) -> int:
        """The server's resident memory now (bytes); the peak is kept."""
        try:
            rss = psutil.Process(self.process.pid).memory_info().rss
        except psutil.Error:
            return 0
        self.peak_rss = max(self.peak_rss, rss)
        return rss

    def kernel_pid(self, kernel_id: str) -> int | None:
        """The process of a kernel (its command line names its connection file, which holds the kernel id)."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            return None
        for child in children:
            try:
                if any(f"kernel-{kernel_id}.json" in part for part in child.cmdline()):
                    return child.pid
            except psutil.Error:
                continue
        return None

    def problems(self, lines: int = 12) -> str:
        """The server log's last errors, warnings and exceptions (server's and kernels'), for a failure message.

        Left out as harmless: ipykernel 6 drops a control message (the debugger's probe) that comes before it has
        set up its control lock, with a traceback ending in "_control_lock"."""
        harmless = ("is not trusted", "token config is deprecated", "websocket_ping_timeout", "_control_lock")
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        picked = [
            line[:300]
            for line in text.splitlines()
            if (
                line.startswith(("[E", "[W", "[C"))
                or re.match(r"[\w.]*(Error|error|Exception|Interrupt)(:|$)", line.strip())
            )
            and not any(h in line for h in harmless)
            and not line.endswith("] {")  # the start of a request's headers
        ]
        return "\n".join(picked[-lines:]) or "(no errors or warnings)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(root: Path, env: dict) -> Lab:
    """Start JupyterLab on a free port; another port if the chosen one was taken in the meantime."""
    for attempt in range(3):
        port = free_port()
        with (root / "lab.log").open("a") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "jupyterlab",
                    "--no-browser",
                    "--allow-root",
                    "--ServerApp.ip=127.0.0.1",
                    f"--ServerApp.port={port}",
                    "--ServerApp.port_retries=0",
                    f"--IdentityProvider.token={TOKEN}",
                    "--LabApp.expose_app_in_browser=True",
                    f"--ServerApp.root_dir={root}",
                    f"--LabApp.user_settings_dir={root / 'settings'}",
                    f"--LabApp.workspaces_dir={root / 'workspaces'}",
                    "--LabApp.news_url=",
                ],
                cwd=root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        lab = Lab(root, process, f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while True:
            try:
                lab.api("GET", "/api/status", timeout=2)
                return lab
            except OSError:
                if process.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    stop_lab(lab)
                    raise RuntimeError(f"JupyterLab did not start in 60 s:\n{lab.problems(30)}") from None
                time.sleep(0.5)
        if "already in use" not in lab.log.read_text() or attempt == 2:
            raise RuntimeError(f"JupyterLab stopped at start:\n{lab.log.read_text()[-3000:]}")
    raise AssertionError("unreachable")


def stop_lab(lab: Lab) -> None:
    lab.process.terminate()
    try:
        lab.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        lab.process.kill()
        lab.process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as `make test` does")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    # Render every cell, not only those in view, so that the figures and widgets of all cells can be counted.
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    # Nothing shared with the user's Jupyter or with another server: config, data (kernelspecs), runtime
    # (connection files), IPython profile. The kernelspec then comes from this environment.
    env = {key: value for key, value in os.environ.items() if key not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    # The kernels import analysis/ from this checkout, whichever checkout the environment was made for.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    for variable, folder in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (root / folder).mkdir()
        env[variable] = str(root / folder)
    # On a new machine matplotlib builds its font cache at first import and may say so on stderr (a failure
    # here): build it before any kernel starts.
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True, capture_output=True)
    lab = start_lab(root, env)
    try:
        yield lab
    finally:
        stop_lab(lab)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


# Installed once in the page: finds the notebook by path, watches its kernel connection (status, connection,
# messages) and offers the steps below. Every promise it returns settles within its own time limit.
PAGE_HELPERS = """path => {
  const app = window.jupyterapp;
  const t0 = performance.now();
  const events = [];
  const counts = {sent: 0, started: 0, replies: 0, received: 0, lastReceived: 0, messagesSent: 0};
  const note = (...what) => { events.push([Math.round(performance.now() - t0), ...what]);
                              if (events.length > 300) events.splice(0, 100); };
  const widget = () => { for (const w of app.shell.widgets('main')) if (w.context && w.context.path === path) return w;
                         return null; };
  const kernel = () => { const w = widget(); const s = w && w.sessionContext.session; return s ? s.kernel : null; };
  const within = (promise, ms, late) => Promise.race([promise, new Promise(r => setTimeout(() => r(late), ms))]);
  const watched = new WeakSet();
  const watch = k => {
    if (!k || watched.has(k)) return;
    watched.add(k);
    note('kernel', k.id, k.status, k.connectionStatus);
    k.statusChanged.connect((_, s) => note('status', s));
    k.connectionStatusChanged.connect((_, s) => note('connection', s));
    k.anyMessage.connect((_, m) => {
      const type = m.msg.header.msg_type;
      if (m.direction === 'send') {
        counts.messagesSent++;
        if (type === 'execute_request') counts.sent++; else if (!type.startsWith('debug_')) note('send', type);
        return;
      }
      counts.received++; counts.lastReceived = performance.now();
      if (type === 'execute_input') counts.started++;
      else if (type === 'execute_reply') counts.replies++;
      else if (!['status', 'comm_msg', 'stream', 'display_data'].includes(type) && !type.startsWith('debug_')) {
        note('recv', type);
      }
    });
  };
  const dialog = () => { const d = document.querySelector('.jp-Dialog'); return d ? d.innerText.slice(0, 300) : null; };
  window.__nbtest = {
    widget, kernel, events, counts, dialog,
    opened() {
      const w = widget();
      if (!w || !w.sessionContext.session || !w.sessionContext.session.kernel) return null;
      watch(w.sessionContext.session.kernel);
      w.sessionContext.kernelChanged.connect((_, change) => { note('kernel changed'); watch(change.newValue); });
      app.shell.activateById(w.id);
      return {session: w.sessionContext.session.id, kernel: w.sessionContext.session.kernel.id};
    },
    // Connected, idle, and answering: a kernel_info request sent now gets its reply, and the page sent nothing
    // else meanwhile. A websocket carries messages in order, so the server has then handled all the page sent.
    async answers(ms) {
      const k = kernel();
      if (!k || k.connectionStatus !== 'connected' || k.status !== 'idle') return false;
      const before = counts.messagesSent;
      const replied = await within(k.requestKernelInfo().then(() => true, () => false), ms, false);
      return replied && counts.messagesSent === before + 1 && k.connectionStatus === 'connected';
    },
    // Restart Kernel straight after a quiet round trip: nothing the page sent is then still in flight on the
    // websocket that the restart replaces.
    async restart(ms) {
      const end = performance.now() + ms;
      while (!(await this.answers(5000))) {
        if (performance.now() > end) return 'found no idle, answering kernel to restart';
        await new Promise(r => setTimeout(r, 300));
      }
      note('restart');
      const restarted = widget().sessionContext.restartKernel().then(() => 'done', e => String(e));
      return await within(restarted, Math.max(end - performance.now(), 1000), 'timed out');
    },
    runAll() {
      note('run all');
      if (app.shell.currentWidget !== widget()) return 'the notebook is not the current widget';
      app.commands.execute('notebook:run-all-cells').catch(e => note('run all failed', String(e)));
      return 'sent';
    },
    state() {
      const w = widget(), k = kernel();
      const cells = w.content.widgets.filter(c => c.model.type === 'code').map(c => ({
        count: c.model.executionCount,
        outputs: c.model.outputs.toJSON().map(o => ({type: o.output_type, name: o.name || '',
          mimes: Object.keys(o.data || {}), text: (o.ename || '') + (o.text || '')})),
      }));
      return {status: k ? k.status : 'none', connection: k ? k.connectionStatus : 'none', cells,
              quiet: Math.round((performance.now() - (counts.lastReceived || t0)) / 1000),
              counts: {...counts}, dialog: dialog()};
    },
  };
}"""


def expected_outputs(path: Path) -> tuple[int, int]:
    """(figures, widgets) the committed notebook shows: what the browser must render too."""
    notebook = json.loads(path.read_text())
    outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    figures = sum("image/svg+xml" in o.get("data", {}) or "image/png" in o.get("data", {}) for o in outputs)
    widgets = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    return figures, widgets


class Run:
    """One notebook in one page: each step waits for its result and says what it saw when it fails."""

    def __init__(self, lab: Lab, page, notebook: Path):
        self.lab, self.page, self.notebook = lab, page, notebook
        self.name = notebook.name

    def diagnosis(self) -> str:
        from playwright.sync_api import Error as PageError

        try:
            state = self.page.evaluate("() => window.__nbtest.state()")
            events = self.page.evaluate("() => window.__nbtest.events.slice(-25)")
            page = (
                f"kernel {state['status']}, connection {state['connection']}, execute requests sent "
                f"{state['counts']['sent']}, started {state['counts']['started']}, replied "
                f"{state['counts']['replies']}, no kernel message for {state['quiet']} s, "
                f"dialog: {state['dialog']!r}\npage events (ms): {events}"
            )
        except PageError as error:  # the page itself may be the problem
            page = f"page state unavailable: {error}"
        return f"{page}\nserver RSS {self.lab.rss() >> 20} MB; lab log:\n{self.lab.problems()}"

    def fail(self, message: str):
        from playwright.sync_api import Error as PageError

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{self.notebook.stem}-failed.png"
        try:
            self.page.screenshot(path=str(shot))
            saved = f"screenshot: {shot}"
        except PageError as error:
            saved = f"no screenshot: {error}"
        pytest.fail(f"{self.name}: {message}\n{self.diagnosis()}\n{saved}", pytrace=False)

    def wait_answering(self, what: str):
        deadline = time.monotonic() + KERNEL_TIMEOUT
        while not self.page.evaluate("ms => window.__nbtest.answers(ms)", 5000):
            if self.page.evaluate("() => window.__nbtest.dialog()"):
                self.fail(f"a dialog is open {what}")
            if time.monotonic() > deadline:
                self.fail(f"the kernel was not connected, idle and answering {KERNEL_TIMEOUT} s {what}")
            self.lab.rss()
            self.page.wait_for_timeout(300)

    def restart(self):
        """Restart Kernel (as the menu does, without its dialog) and check that a new kernel process answers."""
        before = self.lab.kernel_pid(self.kernel_id)
        outcome = self.page.evaluate("ms => window.__nbtest.restart(ms)", KERNEL_TIMEOUT * 1000)
        if outcome != "done":
            self.fail(f"Restart Kernel {outcome}")
        self.wait_answering("after the restart")
        after = self.lab.kernel_pid(self.kernel_id)
        if after is None or after == before:
            self.fail(f"the restart did not give a new kernel process (before {before}, after {after})")

    def run_all(self) -> dict:
        """Run All and wait until every code cell ran or one failed; a provably lost Run All is retried once."""
        for attempt in (1, 2):
            sent = self.page.evaluate("() => window.__nbtest.runAll()")
            if sent != "sent":
                self.fail(f"Run All not sent: {sent}")
            started = time.monotonic()
            while True:
                self.page.wait_for_timeout(500)
                self.lab.rss()
                state = self.page.evaluate("() => window.__nbtest.state()")
                cells = state["cells"]
                failed = any(o["type"] == "error" for c in cells for o in c["outputs"])
                if state["status"] == "idle" and (failed or all(c["count"] is not None for c in cells)):
                    return state
                if time.monotonic() - started > RUN_TIMEOUT:
                    not_run = [i for i, c in enumerate(cells) if c["count"] is None]
                    self.fail(f"code cells {not_run} did not run within {RUN_TIMEOUT} s of Run All")
                if state["quiet"] >= QUIET and state["status"] == "idle":
                    # Idle and silent while cells wait: lost if the kernel answers a request sent after them
                    # (it handles shell requests in order) and still started nothing new.
                    before = state["counts"]["started"]
                    if self.page.evaluate("ms => window.__nbtest.answers(ms)", 5000):
                        after = self.page.evaluate("() => window.__nbtest.state()")
                        if after["counts"]["started"] == before and any(c["count"] is None for c in after["cells"]):
                            break
            if attempt == 2:
                self.fail("Run All was lost twice")
            warnings.warn(
                f"{self.name}: Run All was lost (the kernel is idle and answers, but {state['counts']['sent']} "
                f"execute requests sent gave {state['counts']['started']} started cells, then nothing for "
                f"{state['quiet']} s): restarting and running all once more",
                stacklevel=1,
            )
            self.restart()
        raise AssertionError("unreachable")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reruns_cleanly_in_jupyterlab(lab, browser, notebook):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    run = Run(lab, page, notebook)
    session = None
    try:
        page.goto(f"{lab.base}/lab/tree/notebooks/{notebook.name}?reset&token={TOKEN}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
        page.evaluate(PAGE_HELPERS, f"notebooks/{notebook.name}")
        deadline = time.monotonic() + KERNEL_TIMEOUT
        while not (ids := page.evaluate("() => window.__nbtest.opened()")):
            if time.monotonic() > deadline:
                run.fail(f"the notebook did not open with a kernel in {KERNEL_TIMEOUT} s")
            page.wait_for_timeout(300)
        session, run.kernel_id = ids["session"], ids["kernel"]
        # Restart only a kernel that has started and answers: restarting it while it started lost Run All.
        run.wait_answering("after the notebook opened")
        run.restart()
        state = run.run_all()

        cells = state["cells"]
        not_run = [i for i, c in enumerate(cells) if c["count"] is None]
        for index, cell in enumerate(cells):
            for output in cell["outputs"]:
                assert output["type"] != "error", f"{notebook.name} cell {index}: {output['text'][:500]}"
                assert output["name"] != "stderr", (
                    f"{notebook.name} cell {index} wrote to stderr: {output['text'][:500]}"
                )
        assert not not_run, f"{notebook.name}: code cells {not_run} did not run (Run All stops at the first error)"
        counts = [c["count"] for c in cells]
        assert counts == list(range(1, len(cells) + 1)), (
            f"{notebook.name}: execution counts {counts}: each cell must run once, in order, in the new kernel"
        )
        figures, widgets = expected_outputs(notebook)
        page.wait_for_timeout(1000)
        rendered_figures = page.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg").count()
        assert rendered_figures >= figures, f"{notebook.name}: {rendered_figures} figures rendered, {figures} expected"
        if widgets:
            page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=20_000)
            rendered_widgets = page.locator(".jp-OutputArea-output .widget-vbox").count()
            assert rendered_widgets == widgets, (
                f"{notebook.name}: {rendered_widgets} widgets rendered, {widgets} expected"
            )
            # Each view is drawn by the kernel once the page displays it (analysis.controls.linked_view).
            page.wait_for_function(
                "n => { const views = [...document.querySelectorAll("
                "'.jp-OutputArea-output .widget-vbox > .widget-box:not(.widget-hbox)')];"
                " return views.length === n && views.every(v => v.children.length > 0"
                " && [...v.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)); }",
                arg=widgets,
                timeout=30_000,
            )
        dismiss = page.get_by_role("button", name="No", exact=True)  # the "Jupyter news?" notification
        if dismiss.count():
            dismiss.first.click()
            page.wait_for_timeout(500)
        if figures:  # show the first figure rather than the imports
            page.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg").first.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}.png"))
        if widgets:  # and the first interactive view, as drawn on display
            page.locator(".jp-OutputArea-output .widget-vbox").first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}-widget.png"))
        assert lab.peak_rss < SERVER_RSS_LIMIT, (
            f"{notebook.name}: the JupyterLab server grew to {lab.peak_rss >> 20} MB (about 120 MB expected)\n"
            f"{lab.problems()}"
        )
    finally:
        page.close()
        # Shut the notebook's kernel down: a kernel left running after its page closed keeps its memory and
        # has the server buffer its messages for nobody.
        if session:
            try:
                lab.api("DELETE", f"/api/sessions/{session}")
            except OSError as error:
                warnings.warn(f"{notebook.name}: its session could not be shut down: {error}", stacklevel=1)
