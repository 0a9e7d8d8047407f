"""Make docs/web-page.png, the README's picture of the web page: a sample plan read by
`actionplan serve` in headless Chromium. Run from the repository: python docs/screenshot.py"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplan.web.app import WebConfig, create_app  # noqa: E402
from tests.browser import browser_missing, chromium, running  # noqa: E402

PLAN = ROOT / "samples" / "seed_000_health_inequalities.pdf"
OUTPUT = ROOT / "docs" / "web-page.png"


def main() -> None:
    reason = browser_missing()
    if reason:
        raise SystemExit(reason)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(WebConfig(db=Path(folder) / "plans.sqlite3"))
        with running(app) as address, chromium(Path(folder), width=1280, height=1500) as driver:
            driver.get(address + "/")
            driver.find_element(By.ID, "plans").send_keys(str(PLAN))
            driver.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
            WebDriverWait(driver, 120).until(expected_conditions.presence_of_element_located(
                (By.CSS_SELECTOR, "table[data-actions] tbody tr")))
            driver.execute_script("document.querySelectorAll('details').forEach((d) => d.open = false)")
            driver.save_screenshot(str(OUTPUT))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
