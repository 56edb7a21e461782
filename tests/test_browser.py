"""The notebooks in a real JupyterLab: Restart Kernel and Run All in headless Chromium, as a user would.

Starts JupyterLab on 127.0.0.1 with a free port and a token, on a copy of notebooks/ (so nothing committed is
touched), runs every notebook, fails on error or stderr output and on any cell that did not run, checks that
figures and widgets rendered, saves a screenshot per notebook (and one of its first widget) in
build/screenshots/, and always stops the server.
Chromium comes from Debian (/usr/bin/chromium): `make test` installs it when missing.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    port = free_port()
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--ServerApp.token={TOKEN}",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={root / 'settings'}",
            f"--LabApp.workspaces_dir={root / 'workspaces'}",
            "--LabApp.news_url=",
            "--ServerApp.port_retries=0",
        ],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2) as response:
                    json.load(response)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: {(root / 'lab.log').read_text()[-2000:]}") from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext || !w.sessionContext.session) return null;
  const kernel = w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code').map(c => ({
    count: c.model.executionCount,
    outputs: c.model.outputs.toJSON().map(o => ({type: o.output_type, name: o.name || '',
      mimes: Object.keys(o.data || {}), text: (o.ename || '') + (o.text || '')})),
  }));
  return {status: kernel ? kernel.status : 'none', cells};
}"""


def expected_outputs(path: Path) -> tuple[int, int]:
    """(figures, widgets) the committed notebook shows: what the browser must render too."""
    notebook = json.loads(path.read_text())
    outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    figures = sum("image/svg+xml" in o.get("data", {}) or "image/png" in o.get("data", {}) for o in outputs)
    widgets = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    return figures, widgets


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reruns_cleanly_in_jupyterlab(lab, browser, notebook):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{lab}/lab/tree/notebooks/{notebook.name}?reset&token={TOKEN}")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.isReady",
            timeout=60_000,
        )
        # Not awaited: the command's promise settles only after the confirmation dialog is answered.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=20_000)
        started = time.monotonic()
        state = None
        while time.monotonic() - started < 120:
            state = page.evaluate(STATE)
            if state and state["status"] == "idle" and all(c["count"] is not None for c in state["cells"]):
                break
            page.wait_for_timeout(500)
        assert state is not None, "the notebook never opened"
        not_run = [i for i, c in enumerate(state["cells"]) if c["count"] is None]
        assert not not_run, f"{notebook.name}: code cells {not_run} did not run (Run All stops at the first error)"
        for index, cell in enumerate(state["cells"]):
            for output in cell["outputs"]:
                assert output["type"] != "error", f"{notebook.name} cell {index}: {output['text'][:500]}"
                assert output["name"] != "stderr", (
                    f"{notebook.name} cell {index} wrote to stderr: {output['text'][:500]}"
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
    finally:
        page.close()
