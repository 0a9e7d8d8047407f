"""A real browser on the web page: the server on a free port in a thread, headless Chromium
driven by Selenium (Debian's `chromium` and `chromium-driver`), and axe-core for the
accessibility scan (its release from the npm registry, checked against its published hash and
cached). Used by tests/test_web_browser.py and docs/screenshot.py."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import socket
import tarfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_SHA512 = "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    missing = [name for name in ("chromium", "chromedriver") if not find(name)]
    if missing:
        return (f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver; "
                ".ci/run installs them)")
    return None


def find(name: str) -> str | None:
    return shutil.which(name) or shutil.which(f"{name}-browser" if name == "chromium" else name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: Any) -> Iterator[str]:
    """The application served by uvicorn in a thread; yields its address."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@contextmanager
def chromium(downloads: Path, width: int = 1400, height: int = 1000, javascript: bool = True
             ) -> Iterator[Any]:
    """Headless Chromium, downloading into `downloads` without asking (and with scripts off
    when `javascript` is false, to check what the page does without them)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=en-GB"):
        options.add_argument(argument)
    prefs: dict[str, Any] = {"download.default_directory": str(downloads),
                             "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=find("chromedriver")))
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()


def drop_file(driver: Any, selector: str, name: str, data: bytes) -> None:
    """Drop a file on an element as a person dragging it from their folder would."""
    driver.execute_script("""
        const [selector, name, b64] = arguments;
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name));
        const zone = document.querySelector(selector);
        for (const type of ["dragenter", "dragover", "drop"]) {
            const init = {bubbles: true, cancelable: true, dataTransfer: transfer};
            zone.dispatchEvent(new DragEvent(type, init));
        }""", selector, name, base64.b64encode(data).decode())


def wait_for_file(folder: Path, suffix: str, timeout: float = 30) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file downloaded into {folder}")


def axe_source(cache: Path | None = None) -> str:
    """axe.min.js of the pinned axe-core release, fetched once and checked against its hash."""
    cache = cache or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "actionplan-tests"
    archive = cache / f"axe-core-{AXE_VERSION}.tgz"
    if not archive.is_file() or not intact(archive.read_bytes()):
        with urllib.request.urlopen(AXE_URL, timeout=60) as response:
            data = response.read()
        if not intact(data):
            raise AssertionError(f"{AXE_URL} does not match its published sha512")
        cache.mkdir(parents=True, exist_ok=True)
        archive.write_bytes(data)
    with tarfile.open(fileobj=io.BytesIO(archive.read_bytes())) as tar:
        member = tar.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode("utf-8")


def intact(data: bytes) -> bool:
    return base64.b64encode(hashlib.sha512(data).digest()).decode() == AXE_SHA512


def axe_violations(driver: Any, source: str) -> list[dict[str, Any]]:
    """The page's serious and critical WCAG 2.2 A/AA violations found by axe-core."""
    driver.execute_script(source)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
           .then((r) => done(r.violations),
                 (e) => done([{id: "axe-error", impact: "critical", help: String(e)}]));
    """, AXE_TAGS)
    return [v for v in result if v.get("impact") in ("serious", "critical")]
