"""The web page end to end in headless Chromium: pick and drop plans, wait for the table, check
its rows and findings, sort, filter, download the CSV (the command line's, byte for byte),
compare two quarters, and scan every page with axe-core for WCAG 2.2 AA violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.web.app import WebConfig, create_app
from actionplan.web.views import ADVICE

from .browser import axe_source, axe_violations, browser_missing, chromium, drop_file, running, wait_for_file
from .conftest import SAMPLES
from .test_web import Q1, Q2

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")

PLAN = SAMPLES / "seed_000_health_inequalities.pdf"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = create_app(WebConfig(db=tmp_path_factory.mktemp("db") / "plans.sqlite3", timeout=120))
    with running(app) as address:
        yield address


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    with chromium(downloads) as driver:
        driver.downloads = downloads
        yield driver


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def wait(driver, css: str, timeout: float = 120):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def visible_rows(driver):
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "table[data-actions] tbody tr")
    return [r for r in rows if r.is_displayed()]


def test_pick_a_plan_and_work_with_its_table(site, browser, axe, shots, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(site + "/")
    assert not axe_violations(browser, axe), axe_violations(browser, axe)
    browser.find_element(By.ID, "plans").send_keys(str(PLAN))
    browser.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
    wait(browser, "table[data-actions] tbody tr")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("class") == "js"
    records = list(actionplan.records(PLAN))
    assert len(visible_rows(browser)) == len(records)
    assert browser.find_element(By.TAG_NAME, "h1").text == records[0].plan_title
    report = actionplan.validate(PLAN)
    listed = browser.find_elements(By.CSS_SELECTOR, "details.findings li")
    assert len(listed) == len(report.findings)
    inline = browser.find_elements(By.CSS_SELECTOR, "td.row-findings .finding")
    code = next(f.code for f in report.findings if f.action_id)
    assert any(ADVICE[code] in f.text for f in inline)
    assert browser.find_elements(By.PARTIAL_LINK_TEXT, "how page 1 was read")
    browser.save_screenshot(str(shots / "plan.png"))
    assert not axe_violations(browser, axe), axe_violations(browser, axe)
    plan_url = browser.current_url
    browser.find_element(By.PARTIAL_LINK_TEXT, "how page 2 was read").click()
    wait(browser, "img.page")
    assert browser.execute_script("return document.querySelector('img.page').naturalWidth") > 300
    assert not axe_violations(browser, axe), axe_violations(browser, axe)
    browser.get(plan_url)

    browser.find_element(By.CSS_SELECTOR, "th[data-sort-key=due] a").click()
    dates = [d.get_attribute("datetime") for d in browser.find_elements(By.CSS_SELECTOR, "tbody tr time")]
    assert dates and dates == sorted(dates)
    header = browser.find_element(By.CSS_SELECTOR, "th[data-sort-key=due]")
    assert header.get_attribute("aria-sort") == "ascending"
    browser.find_element(By.CSS_SELECTOR, "th[data-sort-key=due] a").click()
    dates = [d.get_attribute("datetime") for d in browser.find_elements(By.CSS_SELECTOR, "tbody tr time")]
    assert dates == sorted(dates, reverse=True)

    status = next(s for s in ("in_progress", "on_track", "delayed", "complete")
                  if 0 < sum(r.status == s for r in records) < len(records))
    Select(browser.find_element(By.ID, "f-status")).select_by_value(status)
    rows = visible_rows(browser)
    assert len(rows) == sum(r.status == status for r in records)
    assert {r.get_attribute("data-status") for r in rows} == {status}
    shown = browser.find_element(By.CSS_SELECTOR, "[data-shown]").text
    assert f"Showing {len(rows)} of {len(records)} actions." in shown
    assert f"status={status}" in browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    browser.save_screenshot(str(shots / "filtered.png"))

    Select(browser.find_element(By.ID, "f-status")).select_by_value("")
    Select(browser.find_element(By.ID, "f-finding")).select_by_value(code)
    rows = visible_rows(browser)
    want = {f.action_id for f in report.findings if f.code == code}
    assert len(rows) == len(want) > 0
    Select(browser.find_element(By.ID, "f-finding")).select_by_value("")
    browser.find_element(By.CSS_SELECTOR, "th[data-sort-key=row] a").click()
    assert len(visible_rows(browser)) == len(records)

    browser.find_element(By.LINK_TEXT, "CSV").click()
    got = wait_for_file(browser.downloads, ".csv")
    monkeypatch.chdir(SAMPLES)
    done = CliRunner().invoke(cli, ["ingest", PLAN.name, "-o", str(tmp_path / "cli.csv")],
                              catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert got.read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_drop_two_quarters_and_compare_them(site, browser, axe, shots, tmp_path):
    from selenium.webdriver.common.by import By

    (tmp_path / "plan-2024-Q2.txt").write_text(Q2)
    browser.get(site + "/")
    drop_file(browser, "#main [data-drop]", "plan-2024-Q2.txt", Q2.encode())
    wait(browser, "table[data-actions] tbody tr")
    assert len(visible_rows(browser)) == 4
    cell = browser.find_elements(By.CSS_SELECTOR, "td.action-text")[2]
    assert cell.text.startswith("<script>alert(1)</script>")  # shown as text, never run
    drop_file(browser, "form[data-upload]:has(input[name=compare_with]) [data-drop]", "plan-2024-Q1.txt",
              Q1.encode())
    wait(browser, "[data-group=slipped]")
    heading = browser.find_element(By.ID, "g-slipped").text
    assert heading == "Slipped: due later (1)"
    assert browser.find_element(By.ID, "g-dropped").text == "Dropped without closure (1)"
    slipped = browser.find_element(By.CSS_SELECTOR, "[data-group=slipped]").text
    assert "Recruit two equality champions" in slipped
    browser.save_screenshot(str(shots / "compare.png"))
    assert not axe_violations(browser, axe), axe_violations(browser, axe)

    browser.get(site + "/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.plans tbody tr")) >= 2
    browser.find_element(By.CSS_SELECTOR, "form.compare button").click()
    wait(browser, "[data-summary]")
    assert not axe_violations(browser, axe), axe_violations(browser, axe)


def test_the_page_works_from_the_keyboard(site, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site + "/")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.text == "Skip to the content"
    focused = []
    for _ in range(4):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        focused.append(element.get_attribute("id") or element.text)
    assert "plans" in focused and "Read the plans" in focused  # the file button, then the submit
    assert browser.find_element(By.ID, "plans").accessible_name == "Plans to read"


def test_the_scan_finds_what_it_is_there_to_find(site, browser, axe):
    browser.get(site + "/")
    browser.execute_script("""
        const field = document.createElement("input");
        document.querySelector("main").append(field);
        const faint = document.createElement("p");
        faint.textContent = "Faint text";
        faint.style.color = "#ddd";  // set through the CSSOM: the page's policy forbids style attributes
        document.querySelector("main").append(faint);""")
    found = {v["id"] for v in axe_violations(browser, axe)}
    assert {"label", "color-contrast"} <= found


def test_several_plans_at_once_with_one_that_cannot_be_read(site, browser, axe, tmp_path):
    from selenium.webdriver.common.by import By

    good, broken = tmp_path / "plan-2024-Q1.txt", tmp_path / "broken.pdf"
    good.write_text(Q1)
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    browser.get(site + "/")
    browser.find_element(By.ID, "plans").send_keys(f"{good}\n{broken}")
    browser.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
    wait(browser, "ul.results")
    read = browser.find_elements(By.CSS_SELECTOR, "ul.results li.ok")
    failed = browser.find_elements(By.CSS_SELECTOR, "ul.results li.failed")
    assert len(read) == 1 and "plan-2024-Q1.txt" in read[0].text
    assert len(failed) == 1 and failed[0].text.startswith("Not read broken.pdf:")
    assert not axe_violations(browser, axe), axe_violations(browser, axe)
    browser.get(site + "/plan/" + "0" * 64)
    assert "No such plan" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert not axe_violations(browser, axe), axe_violations(browser, axe)


def test_the_basics_work_without_javascript(site, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chromium(tmp_path, javascript=False) as driver:
        driver.get(site + "/")
        driver.find_element(By.ID, "plans").send_keys(str(PLAN))
        driver.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
        wait(driver, "table[data-actions] tbody tr")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("class") == ""  # app.js did not run
        records = list(actionplan.records(PLAN))
        assert len(visible_rows(driver)) == len(records)
        Select(driver.find_element(By.ID, "f-status")).select_by_value("delayed")
        driver.find_element(By.CSS_SELECTOR, "form[data-filters] button[type=submit]").click()
        wait(driver, "table[data-actions]")
        assert "status=delayed" in driver.current_url
        assert len(visible_rows(driver)) == sum(r.status == "delayed" for r in records)
        driver.find_element(By.CSS_SELECTOR, "th[data-sort-key=due] a").click()
        wait(driver, "table[data-actions]")
        dates = [d.get_attribute("datetime") for d in driver.find_elements(By.CSS_SELECTOR, "tbody tr time")]
        assert dates and dates == sorted(dates) and "sort=due" in driver.current_url


def test_forget_asks_first_then_deletes(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    drop_file(browser, "#main [data-drop]", "forget-me.txt", Q1.replace("2024/25", "2023/24").encode())
    wait(browser, "table[data-actions] tbody tr")
    plan_url = browser.current_url
    forget = browser.find_element(By.XPATH, "//button[normalize-space()='Forget this plan']")
    forget.click()
    browser.switch_to.alert.dismiss()
    assert browser.current_url == plan_url
    forget.click()
    browser.switch_to.alert.accept()
    wait(browser, "p.notice")
    assert "deleted" in browser.find_element(By.CSS_SELECTOR, "p.notice").text
    assert "forget-me.txt" not in browser.page_source
    browser.get(plan_url)
    assert "No such plan" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
