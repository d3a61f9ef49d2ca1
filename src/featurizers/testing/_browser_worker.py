"""``python -m featurizers.testing._browser_worker CHROMIUM``: the parity kit's requests, answered
by ``js/parity_core.cjs`` in Chromium pages (one page per library bundle), through Playwright.

It reads and writes the JSON Lines of ``js/node_runner.cjs``; a target's ``library`` is a browser
bundle (``featurizers.testing.compile``) that sets ``globalThis.featurizersParity``. It runs in a
process of its own so that Playwright's sync API never meets the caller's event loop.
"""

import json
import sys

from featurizers.testing.runtimes import CHROMIUM_ARGS

HANDLE = "(line) => JSON.stringify(featurizersParity.handle(JSON.parse(line)))"


def main(chromium):
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pages = {}
        for raw in sys.stdin.buffer:
            line = raw.decode("ascii")
            try:
                library = json.loads(line)["target"]["library"]
                if library not in pages:
                    page = browser.new_page()
                    page.add_script_tag(path=library)
                    pages[library] = page
                response = '{"ok":' + pages[library].evaluate(HANDLE, line) + "}"
            except Error as error:
                response = json.dumps({"fail": {"name": "Error", "message": str(error).split("\n")[0], "stack": str(error)}})
            sys.stdout.buffer.write(response.encode("utf-8") + b"\n")
            sys.stdout.flush()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
