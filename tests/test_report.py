"""The review report (selfeval report / extract --report / serve): built from a real extract of
sample files, then checked as files, over HTTP, and in a real headless Chromium."""

from __future__ import annotations

import csv
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest

from selfeval.report import review
from selfeval.report.collect import describe_form, differs, load_entries
from selfeval.report.images import folder_name
from selfeval.report.server import make_server, resolve
from tests.conftest import SAMPLES, SHARED_SEED

#: A few inputs of every kind: the seed dump, a 4-page PDF of the same form, a PDF with a
#: recomputation error, a PDF holding three forms, a dump the reader doubts, an original that
#: cannot be read yet, and a file with an odd name that is no form at all.
PICKED = {
    "seed.txt": SHARED_SEED,
    "2021-beijing-keji-xiezuo-zhongxin-docx.pdf": SAMPLES
    / "pdf/2021-beijing-keji-xiezuo-zhongxin-docx.pdf",
    "err-recompute.pdf": SAMPLES / "pdf/err-recompute-2021-hebei-laoting-shangpin-jiance-html.pdf",
    "bundle.pdf": SAMPLES / "pdf/2021-xianning-juesuan-bundle-docx.pdf",
    "doubts.txt": SAMPLES / "dumps/2021-chongqing-kexuecheng-weijian-draw.raw.txt",
    "original.xlsx": SAMPLES / "originals/2021-beijing-keji-xiezuo-zhongxin-xlsx.xlsx",
    "original-doc.docx": SAMPLES / "originals/2021-beijing-keji-xiezuo-zhongxin-docx.docx",
}
ODD_NAME = "odd name 名 %2e #.pdf"
RECOMPUTE_PAGE = "forms/err-recompute.1.html"
FOUR_PAGES = "forms/2021-beijing-keji-xiezuo-zhongxin-docx.1.html"
SEED_PAGE = "forms/seed.1.html"


def extract(inputs: Path, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "extract", str(inputs), "--out", str(out), "--report"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(inputs, out): the picked inputs extracted with --report."""
    inputs = tmp_path_factory.mktemp("inputs")
    for name, source in PICKED.items():
        assert source.is_file(), f"missing test input {source}"
        shutil.copyfile(source, inputs / name)
    (inputs / ODD_NAME).write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    out = tmp_path_factory.mktemp("out")
    extract(inputs, out)
    return inputs, out


def index_rows(out: Path) -> list[dict]:
    text = (out / "report/index.html").read_text(encoding="utf-8")
    data = re.search(r'<script id="index-data" type="application/json">(.*?)</script>', text, re.S)
    assert data
    return json.loads(data.group(1))["rows"]


def page_size(pdf: Path, number: int) -> tuple[float, float]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return doc[number - 1].get_size()
    finally:
        doc.close()


# -- the static files -------------------------------------------------------------------------


def test_index_has_one_line_per_input_with_status_and_codes(site) -> None:
    inputs, out = site
    rows = {r["name"]: r for r in index_rows(out)}
    assert len(rows) == len(PICKED) + 1
    assert rows["err-recompute"]["status"] == "has errors"
    assert rows["err-recompute"]["errors_by_code"]["indicator.recompute"] == 1
    for name in ("err-recompute", "seed", "bundle"):
        findings = [
            f
            for form in json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            for f in form["audit"]["findings"]
        ]
        for severity in ("error", "warning"):
            assert rows[name][f"{severity}s_by_code"] == dict(
                sorted(Counter(f["code"] for f in findings if f["severity"] == severity).items())
            )
    seed_errors = [
        f
        for f in json.loads((out / "seed.json").read_text("utf-8"))[0]["audit"]["findings"]
        if f["severity"] == "error"
    ]
    assert rows["seed"]["status"] == ("has errors" if seed_errors else "exact")
    assert {"indicator.deviation-missing", "indicator.overachieved"} <= set(rows["seed"]["codes"])
    assert rows["doubts"]["status"] == "has doubts" and rows["doubts"]["doubts"] > 0
    # originals are shown as their cells at their places: a sheet by its cell references, a
    # document by table, row and column, its paragraphs listed
    page = (out / "report/forms/original.1.html").read_text(encoding="utf-8")
    assert "<h3>sheet Sheet1</h3>" in page
    assert re.search(r'<td class="sc st-\w+" id="o-form__title" data-key="form::title"', page)
    page = (out / "report/forms/original-doc.1.html").read_text(encoding="utf-8")
    assert "<h3>table 1</h3>" in page and "<h3>outside the tables</h3>" in page
    assert re.search(r'<a class="sc st-\w+" id="o-form__title" data-key="form::title"', page)
    assert re.search(r'<td class="sc st-\w+" id="o-indicator_0_level3"', page)
    assert "in the original</a>" in page
    odd = [r for r in rows.values() if r["input"].endswith(ODD_NAME)]
    assert len(odd) == 1 and odd[0]["status"] == "unreadable" and odd[0]["read_errors"]
    assert rows["bundle"]["forms"] == 3 and len(rows["bundle"]["links"]) == 3
    for row in rows.values():
        for href in row["links"]:
            assert (out / "report" / href).is_file()


def test_report_uses_no_network_resource(site) -> None:
    _, out = site
    for page in (out / "report").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), page
    assert (out / "report/assets/report.js").is_file()
    assert (out / "report/assets/report.css").is_file()


def test_outline_positions_are_the_cells_bboxes(site) -> None:
    inputs, out = site
    form = json.loads((out / "err-recompute.json").read_text(encoding="utf-8"))[0]
    bbox = form["indicators"][0]["provenance"]["score"]["bbox"]
    width, height = page_size(inputs / "err-recompute.pdf", 1)
    text = (out / "report" / RECOMPUTE_PAGE).read_text(encoding="utf-8")
    tag = re.search(r'<a class="ol st-finding" id="o-indicator_0_score"[^>]*>', text)
    assert tag, "the recomputed score cell is outlined as part of a finding"
    style = dict(kv.split(":") for kv in re.search(r'style="([^"]*)"', tag.group(0))[1].split(";"))
    assert float(style["left"].rstrip("%")) == pytest.approx(100 * bbox[0] / width, abs=0.001)
    assert float(style["top"].rstrip("%")) == pytest.approx(100 * bbox[1] / height, abs=0.001)
    assert 'href="#f-0"' in tag.group(0)
    assert '<li id="f-0" class="finding sev-error" data-code="indicator.recompute">' in text
    assert 'href="#o-indicator_0_score">on the page</a>' in text


def test_page_images_are_written_once_per_file_content(site) -> None:
    inputs, out = site
    sha = {e.name: e.sha256 for e in load_entries(out)}["bundle"]
    folder = out / "report/img" / folder_name(sha)
    images = sorted(folder.glob("p*.png"))
    assert images, "the bundle's pages are rendered"
    stamps = [p.stat().st_mtime_ns for p in images]
    from selfeval.report import build_report

    stats = build_report(out, workers=1)
    assert stats.pages_rendered == 0
    assert [p.stat().st_mtime_ns for p in images] == stamps


def test_text_forms_show_their_source_text(site) -> None:
    _, out = site
    text = (out / "report" / SEED_PAGE).read_text(encoding="utf-8")
    assert '<pre class="source">' in text and "<img" not in text
    first = next(
        line for line in SHARED_SEED.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    assert f">{first}</span>" in text


def test_scores_reported_and_recomputed_side_by_side(site) -> None:
    _, out = site
    text = (out / "report" / RECOMPUTE_PAGE).read_text(encoding="utf-8")
    # 得分 5.4 printed, 9 × min(1, 240/300) = 7.2 recomputed: the row is highlighted
    row = re.search(r'<tr class="differs">(<td id="c-indicator_0_level1".*?)</tr>', text, re.S)
    assert row and ">5.4" in row.group(1) and ">7.20<" in row.group(1)
    assert differs("0.7633", "0.763301") is False
    assert differs("93.4", "95.20") is True
    assert differs("48.3", "48.30") is False


def test_cell_statuses_from_findings_and_reading_doubts() -> None:
    where = {"page": 1, "bbox": [10, 20, 30, 40]}
    form = {
        "title": "项目支出绩效自评表",
        "indicators": [
            {"level3": "a", "score": "5", "provenance": {"level3": where, "score": where}},
            {"level3": "b", "score": "6", "provenance": {"score": where}},
        ],
        "total": {"weight": "100", "score": "90"},
        "notes": [
            {"code": "reading.missing-cell", "message": "?", "section": "indicator", "row": 1},
            {"code": "unplaced-cell", "message": "?", "page": 1, "text": "漂浮"},
        ],
        "audit": {
            "findings": [
                {
                    "code": "indicator.recompute",
                    "severity": "error",
                    "message": "m",
                    "section": "indicator",
                    "row": 0,
                    "field": "score",
                }
            ]
        },
    }
    view = describe_form(form, 0)
    status = {c["key"]: c["status"] for c in view["cells"]}
    assert status["indicator:0:score"] == "finding"
    assert status["indicator:0:level3"] == "read"
    assert status["indicator:1:score"] == "doubt"
    assert status["indicator:1:level3"] == "doubt"
    assert [u["text"] for u in view["unplaced"]] == ["漂浮"]
    assert view["status"] == "has errors"
    assert view["n_doubts"] == 2


def test_reader_notes_named_by_their_readers_sections_reach_their_cells() -> None:
    """Text readers name a note's section funds, indicators, header or goals; the audit's
    findings name fund, indicator and form. A note is marked on its cells either way."""
    form = {
        "title": "项目支出绩效自评表",
        "department": "某局",
        "goals": {"expected": "目标", "actual": None},
        "funds": [{"item": "年度资金总额"}, {"item": "其中：财政拨款", "executed": "5"}],
        "indicators": [{"level3": "a", "score": "5"}, {"level3": "b", "score": "6"}],
        "notes": [
            {"code": "reading.missing-row", "message": "?", "section": "funds", "row": 1},
            {"code": "reading.garbled", "message": "?", "section": "indicators", "row": 0},
            {"code": "reading.garbled", "message": "?", "section": "header", "field": "department"},
            {"code": "reading.garbled", "message": "?", "section": "goals", "field": "expected"},
        ],
    }
    view = describe_form(form, 0)
    status = {c["key"]: c["status"] for c in view["cells"]}
    assert status["fund:1:executed"] == status["fund:1:item"] == "doubt"
    assert status["fund:0:item"] == "read"
    assert status["indicator:0:score"] == "doubt" and status["indicator:1:score"] == "read"
    assert status["form::department"] == "doubt"
    assert status["form::goals.expected"] == "doubt"
    assert [d["cells"] != [] for d in view["doubts"]] == [True] * 4


# -- marks and the server -------------------------------------------------------------------------


def test_marks_keyed_by_content_hash_turn_stale(tmp_path: Path) -> None:
    review.add_mark(tmp_path, input="a.pdf", sha256="1", form=0, target="form", verdict="checked")
    review.add_mark(
        tmp_path, input="a.pdf", sha256="1", form=0, target="form", verdict="misread", note="x"
    )
    marks = review.load_marks(tmp_path)
    assert [(m["verdict"], m["note"]) for m in marks] == [("misread", "x")]
    assert review.with_staleness(marks, {"a.pdf": "1"})[0]["stale"] is False
    assert review.with_staleness(marks, {"a.pdf": "2"})[0]["stale"] is True
    with pytest.raises(review.MarkError):
        review.add_mark(tmp_path, input="a.pdf", sha256="1", form=0, target="form", verdict="ok")
    review.add_mark(
        tmp_path, input="a.pdf", sha256="1", form=1, target="form", verdict="checked", note="=1+2"
    )
    path = review.export_csv(tmp_path, review.load_marks(tmp_path))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        notes = [r["note"] for r in csv.DictReader(fh)]
    assert "'=1+2" in notes  # no formula reaches a spreadsheet


@pytest.fixture()
def server(site):
    _, out = site
    srv = make_server(out, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def raw_get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def post(port: int, body: object, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode()
    conn.request(
        "POST",
        "/api/marks",
        body=data,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    response = conn.getresponse()
    result = response.status, response.read()
    conn.close()
    return result


def test_server_listens_on_loopback_only(server) -> None:
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize(
    "path",
    [
        "/../run.json",
        "/%2e%2e/run.json",
        "/..%2frun.json",
        "/forms/..%2f..%2frun.json",
        "/forms/%2e%2e/%2e%2e/review.sqlite",
        "/..\\run.json",
        "/%5c..%5crun.json",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/index.html%00.png",
        "/%ff%fe",
        "/.state",
        "/img/../../run.json",
        "/outside-link/run.json",
        "/nothing-here.html",
    ],
)
def test_server_serves_nothing_outside_the_report(server, path: str) -> None:
    link = server.root / "outside-link"  # a symlink leading out of the report
    link.symlink_to(server.out, target_is_directory=True)
    try:
        status, body = raw_get(server.port, path)
    finally:
        link.unlink()
    assert status == 404, (path, body[:200])


def test_server_serves_the_report_and_refuses_foreign_hosts(server) -> None:
    status, body = raw_get(server.port, "/")
    assert status == 200 and b'id="index-data"' in body
    status, _ = raw_get(server.port, "/" + RECOMPUTE_PAGE)
    assert status == 200
    status, _ = raw_get(server.port, "/", host="evil.example:80")
    assert status == 403
    assert resolve(server.root, "/assets/report.css") == server.root / "assets/report.css"


def test_marks_through_the_server(server) -> None:
    entry = {e.name: e for e in load_entries(server.out)}["err-recompute"]
    mark = {
        "input": entry.input,
        "sha256": entry.sha256,
        "form": 0,
        "target": "form",
        "verdict": "checked",
        "note": "looked at page 1",
    }
    assert post(server.port, mark, {"Origin": "http://evil.example"})[0] == 403
    assert post(server.port, {**mark, "verdict": "fine"})[0] == 400
    assert post(server.port, {**mark, "form": 7})[0] == 400
    assert post(server.port, {**mark, "input": "/etc/passwd"})[0] == 400
    assert post(server.port, {**mark, "sha256": "0" * 64})[0] == 409
    status, _ = post(server.port, mark, {"Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 201
    with sqlite3.connect(server.out / review.DB_NAME) as db:
        rows = db.execute("SELECT input, form, target, verdict, note FROM marks").fetchall()
    assert (entry.input, 0, "form", "checked", "looked at page 1") in rows
    assert "looked at page 1" in (server.root / "marks.js").read_text(encoding="utf-8")
    status, body = raw_get(server.port, "/review.csv")
    assert status == 200 and "looked at page 1" in body.decode("utf-8-sig")


def test_report_command_errors_are_named(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "report", str(tmp_path / "none")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "not a folder written by `selfeval extract`" in done.stderr
    assert "Traceback" not in done.stderr


# -- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, (
        "chromium and chromium-driver are needed: `make test` installs them "
        "(apt-get install chromium chromium-driver)"
    )
    profile = tempfile.mkdtemp(prefix="selfeval-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,800",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(predicate, timeout: float = 10.0):
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


def visible_rows(driver) -> list[tuple[str, str]]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#files tbody tr')]"
        ".map(r => [r.dataset.name, r.dataset.status])"
    )


def in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;",
        element,
    )


def test_browser_index_loads_filters_and_sorts(site, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _, out = site
    rows = index_rows(out)
    browser.get((out / "report/index.html").as_uri())
    assert wait_for(lambda: len(visible_rows(browser)) == len(rows))
    assert browser.find_element(By.CSS_SELECTOR, '[data-total="inputs"]').text == str(len(rows))
    Select(browser.find_element(By.ID, "f-status")).select_by_value("has errors")
    shown = visible_rows(browser)
    expected = sorted(r["name"] for r in rows if r["status"] == "has errors")
    assert sorted(name for name, _ in shown) == expected and "err-recompute" in expected
    Select(browser.find_element(By.ID, "f-status")).select_by_value("")
    Select(browser.find_element(By.ID, "f-code")).select_by_value("indicator.recompute")
    assert [name for name, _ in visible_rows(browser)] == ["err-recompute"]
    Select(browser.find_element(By.ID, "f-code")).select_by_value("")
    Select(browser.find_element(By.ID, "f-status")).select_by_value("unreadable")
    unreadable = sorted(r["name"] for r in rows if r["status"] == "unreadable")
    assert len(unreadable) >= 1
    assert sorted(name for name, _ in visible_rows(browser)) == unreadable
    Select(browser.find_element(By.ID, "f-status")).select_by_value("")
    department = next(r["department"] for r in rows if r["name"] == "err-recompute")
    Select(browser.find_element(By.ID, "f-department")).select_by_value(department)
    names = [name for name, _ in visible_rows(browser)]
    assert names == sorted(r["name"] for r in rows if department in r["department"].split(" / "))
    Select(browser.find_element(By.ID, "f-department")).select_by_value("")
    by_name = {r["name"]: r["rows"] for r in rows}
    browser.find_element(By.CSS_SELECTOR, 'th[data-sort="rows"]').click()
    ascending = [by_name[name] for name, _ in visible_rows(browser)]
    assert ascending == sorted(by_name.values())
    browser.find_element(By.CSS_SELECTOR, 'th[data-sort="rows"]').click()
    descending = [by_name[name] for name, _ in visible_rows(browser)]
    assert descending == sorted(by_name.values(), reverse=True)


def test_browser_outlines_sit_on_their_cells(site, browser) -> None:
    from selenium.webdriver.common.by import By

    inputs, out = site
    form = json.loads((out / "2021-beijing-keji-xiezuo-zhongxin-docx.json").read_text("utf-8"))[0]
    browser.get((out / "report" / FOUR_PAGES).as_uri())
    figures = browser.find_elements(By.CSS_SELECTOR, "figure.page")
    assert [int(f.get_attribute("data-page")) for f in figures] == [1, 2, 3, 4]
    checked = 0
    for row in (0, 24, len(form["indicators"]) - 1):
        for name in ("level3", "score"):
            where = form["indicators"][row]["provenance"][name]
            width, height = page_size(
                inputs / "2021-beijing-keji-xiezuo-zhongxin-docx.pdf", where["page"]
            )
            outline = browser.find_element(By.ID, f"o-indicator_{row}_{name}")
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", outline)
            image = browser.find_element(
                By.CSS_SELECTOR, f'figure[data-page="{where["page"]}"] img.page-img'
            )
            assert wait_for(
                lambda image=image: browser.execute_script(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", image
                )
            ), "the page image is shown"
            box = browser.execute_script(
                "const o = arguments[0].getBoundingClientRect(),"
                " i = arguments[1].getBoundingClientRect();"
                "return [o.left - i.left, o.top - i.top, o.width, o.height, i.width, i.height];",
                outline,
                image,
            )
            scale = box[4] / width
            assert box[5] / height == pytest.approx(scale, rel=0.01)
            x0, top, x1, bottom = where["bbox"]
            assert box[0] == pytest.approx(x0 * scale, abs=1.5)
            assert box[1] == pytest.approx(top * scale, abs=1.5)
            assert box[2] == pytest.approx((x1 - x0) * scale, abs=1.5)
            assert box[3] == pytest.approx((bottom - top) * scale, abs=1.5)
            checked += 1
    assert checked == 6


def test_browser_finding_link_scrolls_to_its_cell_and_back(site, browser) -> None:
    from selenium.webdriver.common.by import By

    _, out = site
    browser.get((out / "report" / FOUR_PAGES).as_uri())
    finding = browser.find_element(
        By.CSS_SELECTOR, 'li.finding[data-code="indicator.deviation-missing"]'
    )
    link = finding.find_element(By.CSS_SELECTOR, "a.to-cell")
    target = link.get_attribute("href").split("#")[1]
    assert target == "o-indicator_24_deviation"  # on page 3
    outline = browser.find_element(By.ID, target)
    assert not in_viewport(browser, outline)
    link.click()
    assert wait_for(lambda: in_viewport(browser, outline))
    assert browser.execute_script("return location.hash") == f"#{target}"
    assert "st-finding" in outline.get_attribute("class")
    # and back: the outline links to its finding in the side panel
    outline.click()
    assert browser.execute_script("return location.hash") == f"#{finding.get_attribute('id')}"
    assert wait_for(lambda: in_viewport(browser, finding))


def test_browser_mark_through_serve_lasts_across_reruns(site, browser) -> None:
    from selenium.webdriver.common.by import By

    inputs, out = site
    srv = make_server(out, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{srv.port}/{RECOMPUTE_PAGE}")
        box = browser.find_element(By.CSS_SELECTOR, "#f-0 .mark")
        box.find_element(By.CSS_SELECTOR, "input.note").send_keys("score cell misread? no: 5.4")
        box.find_element(By.CSS_SELECTOR, 'button[data-verdict="confirmed"]').click()
        assert wait_for(lambda: box.find_elements(By.CSS_SELECTOR, ".m.v-confirmed"))
        browser.get(f"http://127.0.0.1:{srv.port}/{SEED_PAGE}")
        top = browser.find_element(By.CSS_SELECTOR, "header .mark")
        top.find_element(By.CSS_SELECTOR, 'button[data-verdict="checked"]').click()
        assert wait_for(lambda: top.find_elements(By.CSS_SELECTOR, ".m.v-checked"))
    finally:
        srv.shutdown()
        srv.server_close()
    with sqlite3.connect(out / review.DB_NAME) as db:
        rows = db.execute("SELECT input, target, verdict, note FROM marks").fetchall()
    assert any(
        r[0].endswith("err-recompute.pdf")
        and r[1] == "finding:indicator.recompute:indicator:0:score"
        and r[2:] == ("confirmed", "score cell misread? no: 5.4")
        for r in rows
    )
    # a rerun of extract: the marks are still there, shown in the static report (file://);
    # the seed dump changed since its mark, so that mark shows as stale
    with open(inputs / "seed.txt", "a", encoding="utf-8") as fh:
        fh.write("\n")
    extract(inputs, out)
    browser.get((out / "report" / RECOMPUTE_PAGE).as_uri())
    mark = browser.find_element(By.CSS_SELECTOR, "#f-0 .m.v-confirmed")
    assert "score cell misread? no: 5.4" in mark.text
    assert "stale" not in mark.get_attribute("class")
    browser.get((out / "report" / SEED_PAGE).as_uri())
    stale = browser.find_element(By.CSS_SELECTOR, "header .m.v-checked")
    assert "stale" in stale.get_attribute("class")
    with open(out / review.CSV_NAME, encoding="utf-8-sig", newline="") as fh:
        exported = list(csv.DictReader(fh))
    assert {(r["verdict"], r["stale"]) for r in exported} >= {("confirmed", ""), ("checked", "yes")}
    assert os.path.getsize(out / review.DB_NAME) > 0


def test_doubts_and_unplaced_text_are_outlined_on_the_page(site, tmp_path: Path) -> None:
    """A PDF form whose reader left a doubt on a cell and a cell it could not place: the cell
    is outlined as read with doubt, the unplaced text where the page prints it."""
    import pdfplumber

    inputs, out = site
    (tmp_path / ".state").mkdir()
    shutil.copyfile(out / ".state/err-recompute.json", tmp_path / ".state/err-recompute.json")
    forms = json.loads((out / "err-recompute.json").read_text(encoding="utf-8"))
    loose = forms[0]["project_name"]
    forms[0]["notes"] = [
        {"code": "reading.missing-cell", "message": "?", "section": "indicator", "row": 2},
        {"code": "unplaced-cell", "message": "not placed", "page": 1, "text": loose},
    ]
    (tmp_path / "err-recompute.json").write_text(json.dumps(forms), encoding="utf-8")
    from selfeval.report import build_report

    build_report(tmp_path, workers=1)
    text = (tmp_path / "report" / RECOMPUTE_PAGE).read_text(encoding="utf-8")
    assert re.search(r'<a class="ol st-doubt" id="o-indicator_2_actual"', text)
    assert re.search(r'<td id="c-indicator_2_actual" class="st-doubt"', text)
    tag = re.search(r'<a class="ol st-unplaced" id="u-1" href="#n-1"[^>]*>', text)
    assert tag, "the unplaced text is outlined"
    found = json.loads(html_unescape(re.search(r'data-bbox="([^"]*)"', tag.group(0))[1]))
    with pdfplumber.open(inputs / "err-recompute.pdf") as pdf:
        hit = pdf.pages[0].search(loose)[0]
    assert found == pytest.approx([hit["x0"], hit["top"], hit["x1"], hit["bottom"]], abs=1.0)
    assert '<li id="n-1" class="doubt unplaced">' in text and 'href="#u-1"' in text


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_server_takes_marks_for_files_changed_since_it_started(site, tmp_path: Path) -> None:
    _, out = site
    (tmp_path / ".state").mkdir()
    shutil.copyfile(out / ".state/err-recompute.json", tmp_path / ".state/err-recompute.json")
    shutil.copyfile(out / "err-recompute.json", tmp_path / "err-recompute.json")
    srv = make_server(tmp_path, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        state = json.loads((tmp_path / ".state/err-recompute.json").read_text("utf-8"))
        state["sha256"] = "f" * 64  # extract ran again on a changed file
        (tmp_path / ".state/err-recompute.json").write_text(json.dumps(state), "utf-8")
        mark = {"input": state["input"], "form": 0, "target": "form", "verdict": "checked"}
        assert post(srv.port, {**mark, "sha256": "0" * 64})[0] == 409
        assert post(srv.port, {**mark, "sha256": "f" * 64})[0] == 201
    finally:
        srv.shutdown()
        srv.server_close()
    assert [m["sha256"] for m in review.load_marks(tmp_path)] == ["f" * 64]


def test_text_forms_mark_doubted_and_unplaced_text_in_the_source(site, tmp_path: Path) -> None:
    _, out = site
    (tmp_path / ".state").mkdir()
    shutil.copyfile(out / ".state/seed.json", tmp_path / ".state/seed.json")
    forms = json.loads((out / "seed.json").read_text(encoding="utf-8"))
    source = SHARED_SEED.read_text(encoding="utf-8")
    row = next(
        i
        for i, r in enumerate(forms[0]["indicators"])
        if r["level3"] and len(r["level3"]) >= 6 and source.count(r["level3"]) == 1
    )
    forms[0]["notes"] = [
        {"code": "reading.level-pair", "message": "?", "section": "indicator", "row": row},
        {"code": "unplaced-cell", "message": "not placed", "text": "北京科技协作中心 "},
        {"code": "unplaced-cell", "message": "not placed", "text": "1"},  # too short to find
        {"code": "unplaced-cell", "message": "not placed", "text": "66519645"},
    ]
    (tmp_path / "seed.json").write_text(json.dumps(forms), encoding="utf-8")
    from selfeval.report import build_report

    build_report(tmp_path, workers=1)
    text = (tmp_path / "report" / SEED_PAGE).read_text(encoding="utf-8")
    level3 = forms[0]["indicators"][row]["level3"]
    assert re.search(
        rf'<a class="src st-doubt" id="o-indicator_{row}_level3" [^>]*>{re.escape(level3)}</a>',
        text,
    )
    assert source.count("北京科技协作中心") == 2  # printed twice: which one is it? not marked
    assert '<a class="src st-unplaced" id="u-1"' not in text
    assert '<a class="src st-unplaced" id="u-2"' not in text
    assert source.count("66519645") == 1
    assert '<a class="src st-unplaced" id="u-3" href="#n-3" title="unplaced">66519645</a>' in text
    assert '<li id="n-3" class="doubt unplaced">' in text and "→ in the source</a>" in text


def test_serve_command_listens_on_loopback_and_serves_the_report(site) -> None:
    _, out = site
    proc = subprocess.Popen(
        [sys.executable, "-m", "selfeval", "serve", str(out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + proc.stderr.read() if proc.poll() is not None else line
        status, body = raw_get(int(match.group(1)), "/index.html")
        assert status == 200 and b'id="index-data"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_doubt_both_noted_and_found_counts_once() -> None:
    form = {
        "indicators": [],
        "complete": False,
        "notes": [{"code": "reading.no-rows", "message": "?", "section": "indicator"}],
        "audit": {
            "findings": [
                {"code": "reading.no-rows", "severity": "warning", "section": "indicator"},
                {"code": "reading.columns", "severity": "warning", "section": "indicator"},
            ]
        },
    }
    view = describe_form(form, 0)
    assert view["n_doubts"] == 2
    assert view["status"] == "has doubts"


@pytest.mark.parametrize("turn", [90, 180])
def test_pages_turned_by_rotate_are_rendered_as_stored(tmp_path: Path, turn: int) -> None:
    """Provenance boxes are on the page as it is stored: a page with /Rotate is rendered
    without it, pixel for pixel as the same page unturned, so the outlines stay on their cells."""
    from PIL import Image, ImageChops

    from selfeval.report.images import RenderJob, render

    source = PICKED["err-recompute.pdf"]
    doc = pypdfium2.PdfDocument(str(source))
    doc[0].set_rotation(turn)
    turned = tmp_path / "turned.pdf"
    doc.save(str(turned))
    doc.close()
    assert pypdfium2.PdfDocument(str(turned))[0].get_rotation() == turn
    plain = render(RenderJob(str(source), str(tmp_path / "plain"), (1,), ((1, "总分"),)))
    rotated = render(RenderJob(str(turned), str(tmp_path / "turned"), (1,), ((1, "总分"),)))
    assert rotated["sizes"] == plain["sizes"]
    assert rotated["found"] == plain["found"] and plain["found"]["1|总分"]
    with Image.open(tmp_path / "plain/p1.png") as a, Image.open(tmp_path / "turned/p1.png") as b:
        assert a.size == b.size
        assert ImageChops.difference(a, b).getbbox() is None


def test_images_of_an_older_renderer_are_redone(tmp_path: Path) -> None:
    from selfeval.report.images import META, RenderJob, render

    job = RenderJob(str(PICKED["err-recompute.pdf"]), str(tmp_path / "img"), (1,), ())
    render(job)
    image = tmp_path / "img/p1.png"
    first = image.stat().st_mtime_ns
    render(job)
    assert image.stat().st_mtime_ns == first  # current: reused
    meta = json.loads((tmp_path / "img" / META).read_text(encoding="utf-8"))
    meta["version"] = 1
    (tmp_path / "img" / META).write_text(json.dumps(meta), encoding="utf-8")
    time.sleep(0.01)
    assert render(job)["version"] != 1
    assert image.stat().st_mtime_ns != first
