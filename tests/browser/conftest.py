"""Browser fixtures: js_dist/ served on loopback, and Debian's Chromium driven by Playwright."""

import functools
import http.server
import shutil
import threading

import pytest
from harness import ROOT

CHROMIUM = "/usr/bin/chromium"
# As root in a container, without the sandbox; no background traffic (the network is closed).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def static_server(flagship):
    """Any static file server will do: this is Python's, serving js_dist/ on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(ROOT / "js_dist"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, static_server):
    """A fresh page on the static server's origin (an empty document: tests import the module)."""
    page = chromium.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{static_server}/pipeline/model/model.json")
    yield page
    page.close()
