"""`actionplan serve`: the web page's routes through the ASGI test client, on the samples and on
small plans written here (a second quarter, a hostile cell, a corrupt file)."""

from __future__ import annotations

import io
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest
from actionplan.normalise import load_settings
from actionplan.normalise.checks import RULES
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.web import ServeOptions, is_loopback, web_config
from actionplan.web.app import WebConfig, create_app, download_name
from actionplan.web.store import default_path
from actionplan.web.views import ADVICE

from .conftest import SAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that its client will move off httpx
    from starlette.testclient import TestClient

SAMPLE_PLANS = sorted(p for p in SAMPLES.iterdir()
                      if p.suffix in (".pdf", ".docx", ".xlsx", ".txt") and p.is_file())

Q1 = """Equality action plan 2024/25

Last updated 1 June 2024

| Theme | Ref | Action | Lead | By when | Status |
|---|---|---|---|---|---|
| Workforce | 1.1 | Publish the WRES report | Head of HR | 30/06/2024 | On track |
| Workforce | 1.2 | Recruit two equality champions | | 31/03/2024 | Delayed |
| Patients | 2.1 | <script>alert(1)</script> Translate leaflets | Comms team | 30/09/2024 | Not started |
| Patients | 2.2 | Audit interpreter bookings | PALS lead | 31/12/2024 | In progress |
"""
Q2 = """Equality action plan 2024/25

Last updated 1 September 2024

| Theme | Ref | Action | Lead | By when | Status |
|---|---|---|---|---|---|
| Workforce | 1.1 | Publish the WRES report | Head of HR | 30/06/2024 | Complete |
| Workforce | 1.2 | Recruit two equality champions | Deputy HR director | 30/09/2024 | Delayed |
| Patients | 2.1 | <script>alert(1)</script> Translate leaflets | Comms team | 30/09/2024 | In progress |
| Patients | 2.3 | Run a listening event | PALS lead | 31/01/2025 | Not started |
"""


def form_token(client: TestClient) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', client.get("/").text)
    assert found
    return found.group(1)


def upload(client: TestClient, *files: tuple[str, bytes], **fields: str):
    return client.post("/upload", data={"form_token": form_token(client), **fields},
                       files=[("plans", (name, data)) for name, data in files], follow_redirects=False)


def plan_sha(response) -> str:
    assert response.status_code == 303, response.text[-2000:]
    return response.headers["location"].rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> TestClient:
    """One server for the samples: each is read once, by the workers, as the page would."""
    db = tmp_path_factory.mktemp("web") / "plans.sqlite3"
    return TestClient(create_app(WebConfig(db=db, timeout=120)))


@pytest.fixture
def client(tmp_path) -> TestClient:
    return TestClient(create_app(WebConfig(db=tmp_path / "plans.sqlite3", timeout=120)))


@pytest.fixture(scope="module")
def uploaded(shared) -> dict[str, str]:
    """Every sample uploaded in one request: file name -> SHA-256."""
    response = upload(shared, *[(p.name, p.read_bytes()) for p in SAMPLE_PLANS])
    assert response.status_code == 200
    found = dict(re.findall(r'<a href="/plan/([0-9a-f]{64})">[^<]*</a>\s*\(([^)]+)\)', response.text))
    return {name: sha for sha, name in found.items()}


@pytest.mark.parametrize("path", SAMPLE_PLANS, ids=lambda p: p.name)
def test_each_sample_shows_its_actions_and_findings_as_validate_reports_them(shared, uploaded, path):
    page = shared.get(f"/plan/{uploaded[path.name]}").text
    records = list(actionplan.records(path))
    assert f"<dd data-total>{len(records)}</dd>" in page
    assert page.count('<tr id="row-') == len(records)
    report = actionplan.validate(path)
    shown = re.findall(r'<li data-code="([a-z_]+)">', page)
    assert sorted(shown) == sorted(f.code for f in report.findings)
    targets = re.findall(r'<a href="#(row-\d+)">Go to the row', page)
    assert len(targets) == sum(1 for f in report.findings if f.row and f.code != "missing_column")
    assert all(f'<tr id="{target}"' in page for target in targets)
    if records[0].plan_title:
        assert f"<h1>{records[0].plan_title}" in page.replace("&#39;", "'").replace("&amp;", "&")


def test_pdf_rows_link_to_the_inspect_picture_of_their_page(shared, uploaded):
    sha = uploaded["seed_004_equality_diversity.pdf"]
    page = shared.get(f"/plan/{sha}").text
    links = set(re.findall(rf'href="(/plan/{sha}/page/\d+)"', page))
    assert len(links) >= 2
    for link in links:
        view = shared.get(link).text
        assert f'<img class="page" src="{link}.png"' in view and 'alt="Page ' in view
        picture = shared.get(link + ".png")
        assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")
    assert shared.get(f"/plan/{sha}/page/999.png").status_code == 404
    assert shared.get(f"/plan/{sha}/page/999").status_code == 404


def test_csv_download_is_the_command_lines_csv(shared, uploaded, tmp_path, monkeypatch):
    name = "seed_004_equality_diversity.docx"
    monkeypatch.chdir(SAMPLES)
    done = CliRunner().invoke(cli, ["ingest", name, "-o", str(tmp_path / "cli.csv")], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    got = shared.get(f"/plan/{uploaded[name]}/actions.csv")
    assert got.headers["content-type"].startswith("text/csv")
    assert got.content == (tmp_path / "cli.csv").read_bytes()


def test_xlsx_and_parquet_downloads_hold_what_is_shown(shared, uploaded):
    import openpyxl
    import pandas as pd
    import pyarrow.parquet as pq
    from actionplan.export.parquet import arrow_schema

    sha = uploaded["000_9f9255b261eaf6f2.txt"]
    every = pd.read_csv(io.BytesIO(shared.get(f"/plan/{sha}/actions.csv").content))
    delayed = every[every["status"] == "delayed"]
    assert 0 < len(delayed) < len(every)
    table = pq.read_table(io.BytesIO(shared.get(f"/plan/{sha}/actions.parquet?status=delayed").content))
    assert table.schema.equals(arrow_schema(), check_metadata=False)
    assert table.column("action").to_pylist() == delayed["action"].tolist()
    book = openpyxl.load_workbook(io.BytesIO(shared.get(f"/plan/{sha}/actions.xlsx?status=delayed").content))
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    actions = [row[header.index("action")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert actions == delayed["action"].tolist()
    page = shared.get(f"/plan/{sha}?status=delayed").text
    assert page.count('<tr id="row-') == len(delayed)
    assert f"Showing {len(delayed)} of {len(every)} actions." in page


def test_filter_by_finding_and_theme(shared, uploaded):
    sha = uploaded["000_9f9255b261eaf6f2.txt"]
    records = list(actionplan.records(SAMPLES / "000_9f9255b261eaf6f2.txt"))
    report = actionplan.validate(SAMPLES / "000_9f9255b261eaf6f2.txt")
    code = next(f.code for f in report.findings if f.action_id)
    with_code = {f.action_id for f in report.findings if f.code == code}
    page = shared.get(f"/plan/{sha}?finding={code}").text
    assert page.count('<tr id="row-') == len(with_code)
    theme = next(r.theme for r in records if r.theme)
    page = shared.get(f"/plan/{sha}", params={"theme": theme}).text
    assert page.count('<tr id="row-') == sum(r.theme == theme for r in records)


def test_sorted_by_due_date_on_the_server(shared, uploaded):
    sha = uploaded["seed_004_equality_diversity.docx"]
    page = shared.get(f"/plan/{sha}?sort=due").text
    dates = re.findall(r'<time datetime="([\d-]+)">', page)
    assert dates and dates == sorted(dates)
    page = shared.get(f"/plan/{sha}?sort=-due").text
    dates = re.findall(r'<time datetime="([\d-]+)">', page)
    assert dates == sorted(dates, reverse=True)


def test_compare_two_quarters_as_diff_does(client, tmp_path):
    (tmp_path / "q1.txt").write_text(Q1)
    (tmp_path / "q2.txt").write_text(Q2)
    old = plan_sha(upload(client, ("q1.txt", Q1.encode())))
    new = plan_sha(upload(client, ("q2.txt", Q2.encode())))
    assert f'<option value="{old}" selected>' in client.get(f"/plan/{new}").text  # the quarter before
    page = client.get("/compare", params={"old": old, "new": new}).text
    changes = actionplan.diff(tmp_path / "q1.txt", tmp_path / "q2.txt")
    counts = changes["kind"].value_counts()
    summary = re.search(r"<dd data-summary>([^<]*)</dd>", page)
    assert summary
    for kind in ("unchanged", "changed", "completed", "added", "removed"):
        assert f"{counts.get(kind, 0)} {kind}" in summary.group(1)
    groups = dict(re.findall(r'<h2 id="g-(\w+)">[^(]*\((\d+)\)</h2>', page))
    assert groups["slipped"] == "1" and groups["dropped"] == "1" and groups["added"] == "1"
    assert groups["completed"] == "1" and groups["status"] == "1"
    assert "Recruit two equality champions" in page.split('id="g-slipped"')[1].split("</section>")[0]


def test_dropping_last_quarters_plan_on_a_plan_page_compares_them(client):
    new = plan_sha(upload(client, ("q2.txt", Q2.encode())))
    response = upload(client, ("q1.txt", Q1.encode()), compare_with=new)
    assert response.status_code == 303
    old = plan_sha(upload(client, ("q1.txt", Q1.encode())))
    assert response.headers["location"] == f"/compare?old={old}&new={new}"


def test_forget_deletes_the_plan_and_its_records(tmp_path):
    db = tmp_path / "plans.sqlite3"
    client = TestClient(create_app(WebConfig(db=db, keep_files=True)))
    sha = plan_sha(upload(client, ("plan.pdf", (SAMPLES / "wres_action_plan_shading.pdf").read_bytes())))
    with sqlite3.connect(db) as con:
        assert [con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("plans", "pages", "files")] \
            == [1, 1, 1]
    original = client.get(f"/plan/{sha}/original")
    assert original.content == (SAMPLES / "wres_action_plan_shading.pdf").read_bytes()
    assert original.headers["content-disposition"] == 'attachment; filename="plan.pdf"'
    assert client.post(f"/plan/{sha}/forget", data={"form_token": "wrong"}).status_code == 403
    assert client.get(f"/plan/{sha}").status_code == 200
    response = client.post(f"/plan/{sha}/forget", data={"form_token": form_token(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert client.get(f"/plan/{sha}").status_code == 404
    with sqlite3.connect(db) as con:
        assert [con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("plans", "pages", "files")] \
            == [0, 0, 0]


def test_plans_are_kept_for_next_time_and_files_only_when_asked(tmp_path):
    db = tmp_path / "plans.sqlite3"
    first = TestClient(create_app(WebConfig(db=db)))
    sha = plan_sha(upload(first, ("q1.txt", Q1.encode())))
    again = TestClient(create_app(WebConfig(db=db)))
    assert sha in again.get("/").text
    assert again.get(f"/plan/{sha}/original").status_code == 404
    assert "download the file as uploaded" not in again.get(f"/plan/{sha}").text
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from files").fetchone()[0] == 0
        assert con.execute("select name from plans").fetchall() == [("q1.txt",)]


def test_uploads_over_the_size_limit_are_refused(tmp_path):
    client = TestClient(create_app(WebConfig(db=tmp_path / "p.sqlite3", max_bytes=1000)))
    response = upload(client, ("q1.txt", Q1.encode() + b" " * 2000))
    assert response.status_code == 422
    assert "larger than the 0.001 MB limit" in response.text
    headers = {"content-length": str(10**9), "content-type": "multipart/form-data; boundary=x"}
    too_much = client.post("/upload", content=b"x", headers=headers)
    assert too_much.status_code == 413

    def chunks():  # no length declared: the body is counted as it comes
        yield b"--x\r\nContent-Disposition: form-data; name=\"plans\"; filename=\"big.txt\"\r\n\r\n"
        for _ in range(1100):  # past 20 files of the 1000-byte limit and the form's allowance
            yield b"a" * 1000
    chunked = client.post("/upload", content=chunks(),
                          headers={"content-type": "multipart/form-data; boundary=x"})
    assert chunked.status_code == 413


def test_files_are_checked_by_their_bytes_not_their_names(client):
    corrupt = upload(client, ("plan.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"))
    assert corrupt.status_code == 422 and "Not read" in corrupt.text
    assert "plan.pdf" in corrupt.text and "/tmp" not in corrupt.text
    not_pdf = upload(client, ("plan.pdf", b"\x00\x01\x02 not a pdf at all"))
    assert not_pdf.status_code == 422 and "not a PDF" in not_pdf.text
    binary = upload(client, ("plan.txt", bytes(range(256)) * 10))
    assert binary.status_code == 422
    notepad = upload(client, ("unicode.txt", Q1.encode("utf-16")))  # Notepad's "Unicode", with its BOM
    assert notepad.status_code == 303
    renamed = upload(client, ("plan.pdf", (SAMPLES / "seed_004_equality_diversity.docx").read_bytes()))
    page = client.get(renamed.headers["location"]).text
    assert "(DOCX)" in page


def test_a_file_that_takes_too_long_is_stopped_and_the_server_goes_on(tmp_path):
    slow = TestClient(create_app(WebConfig(db=tmp_path / "p.sqlite3", timeout=0.2)))
    response = upload(slow, ("slow.pdf", (SAMPLES / "seed_004_equality_diversity.pdf").read_bytes()))
    assert response.status_code == 422
    assert "slow.pdf: <span class=\"reason\">timed out after 0.2 s</span>" in response.text
    assert slow.get("/").status_code == 200
    patient = TestClient(create_app(WebConfig(db=tmp_path / "p.sqlite3", timeout=60)))
    assert upload(patient, ("q1.txt", Q1.encode())).status_code == 303


def test_document_text_is_escaped(client):
    name = '<img src=x onerror="alert(2)">.txt'
    sha = plan_sha(upload(client, (name, Q1.encode())))
    page = client.get(f"/plan/{sha}").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert client.get(f"/plan/{sha}").headers["content-security-policy"].startswith("default-src 'self'")


def test_the_config_files_rules_apply(tmp_path):
    (tmp_path / "actionplan.toml").write_text('[validate]\ndisable = ["missing_lead"]\n')
    settings = load_settings(tmp_path / "actionplan.toml")
    plain = TestClient(create_app(WebConfig(db=tmp_path / "a.sqlite3")))
    ruled = TestClient(create_app(WebConfig(db=tmp_path / "b.sqlite3", settings=settings)))
    sha = plan_sha(upload(plain, ("q1.txt", Q1.encode())))
    assert plan_sha(upload(ruled, ("q1.txt", Q1.encode()))) == sha
    assert '<li data-code="missing_lead">' in plain.get(f"/plan/{sha}").text
    assert "No lead: name the person or team responsible" in plain.get(f"/plan/{sha}").text
    assert '<li data-code="missing_lead">' not in ruled.get(f"/plan/{sha}").text


def test_every_rule_has_plain_words():
    assert set(ADVICE) == set(RULES)


def test_a_token_is_required_off_loopback(tmp_path):
    config = web_config(ServeOptions(host="0.0.0.0", db=tmp_path / "p.sqlite3"),
                        actionplan.Settings(), actionplan.ingest.ReadOptions())
    assert config.token and len(config.token) >= 24
    client = TestClient(create_app(config))
    assert client.get("/").status_code == 403
    assert client.get("/", params={"token": "wrong"}).status_code == 403
    first = client.get("/", params={"token": config.token})
    assert first.status_code == 200 and "actionplan_token" in first.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie carries it
    assert TestClient(create_app(config)).post("/upload").status_code == 403


def test_loopback_needs_no_token_but_refuses_other_host_names(tmp_path):
    config = web_config(ServeOptions(db=tmp_path / "p.sqlite3"), actionplan.Settings(),
                        actionplan.ingest.ReadOptions())
    assert config.token is None
    client = TestClient(create_app(config), base_url="http://127.0.0.1:8000")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "attacker.example:8000"}).status_code == 403
    assert is_loopback("::1") and is_loopback("127.0.0.2") and not is_loopback("192.168.1.4")


def test_a_post_from_another_site_is_refused(client):
    response = client.post("/upload", data={"form_token": form_token(client)},
                           files=[("plans", ("q1.txt", Q1.encode()))],
                           headers={"origin": "http://attacker.example"})
    assert response.status_code == 403
    assert upload(client, ("q1.txt", Q1.encode())).status_code == 303


def test_the_store_lives_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert default_path() == tmp_path / "actionplan" / "plans.sqlite3"


def test_serve_has_help_and_the_extras_message(monkeypatch):
    done = CliRunner().invoke(cli, ["serve", "--help"])
    assert done.exit_code == 0 and "--token" in done.output and "--keep-files" in done.output
    monkeypatch.setitem(sys.modules, "starlette.applications", None)
    monkeypatch.delitem(sys.modules, "actionplan.web.app", raising=False)
    done = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert done.exit_code == 1 and "pip install 'actionplan[serve]'" in done.output


def test_unknown_plans_and_downloads_are_404(client):
    assert client.get("/plan/" + "0" * 64).status_code == 404
    assert client.get("/plan/../../etc/passwd").status_code == 404
    assert client.get("/compare?old=x&new=y").status_code == 404
    sha = plan_sha(upload(client, ("q1.txt", Q1.encode())))
    assert client.get(f"/plan/{sha}/actions.exe").status_code == 404
    assert download_name('../../etc/"passwd"\r\n.txt') == "passwd.txt"
    assert download_name("Plan 2024/25 – Q1.docx") == "25-Q1.docx"
    assert Path(client.app.state.config.db).is_file()


def test_actionplan_serve_starts_the_page_and_prints_its_address(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "actionplan", "serve", "--port", str(port), "--db",
               str(tmp_path / "plans.sqlite3"), "--token", "s3cret-token"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        lines = [server.stderr.readline() for _ in range(2)]
        assert lines[0].strip() == f"actionplan: plans kept in {tmp_path / 'plans.sqlite3'}"
        url = f"http://127.0.0.1:{port}/?token=s3cret-token"
        assert url in lines[1]
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200 and b"Plans to read" in response.read()
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
        assert refused.value.code == 403
    finally:
        server.terminate()
        server.wait(30)
