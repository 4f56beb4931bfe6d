"""``selfeval extract`` / ``show`` end to end on the seed dump and on bad inputs."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from selfeval.cli import main
from selfeval.export.tables import TABLES
from selfeval.extract.record import FUND_FIELDS, INDICATOR_FIELDS, contract_view
from tests.conftest import ROOT, SEED_GOLDEN, SEED_SAMPLE, VALIDATION

GOLDEN = json.loads(SEED_GOLDEN.read_text("utf-8"))
SHEETS = ["forms", "indicators", "funds", "findings", "errors"]


def extract(*args: str | Path) -> int:
    return main(["extract", *map(str, args), "--progress", "off", "-j", "1"])


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "out"
    assert extract(SEED_SAMPLE, "--out", out) == 0
    return out


def test_help_lists_commands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "extract" in text and "show" in text
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    text = capsys.readouterr().out
    for option in ("--out", "--jobs", "--force", "--timeout", "--max-memory", "errors.csv"):
        assert option in text
    with pytest.raises(SystemExit):
        main(["show", "--help"])
    assert "--form" in capsys.readouterr().out


def test_seed_json_is_the_golden_record(seed_run: Path) -> None:
    forms = json.loads((seed_run / f"{SEED_SAMPLE.stem}.json").read_text("utf-8"))
    assert isinstance(forms, list) and len(forms) == 1
    assert [contract_view(f) for f in forms] == GOLDEN
    assert forms[0]["source"]["file"] == str(SEED_SAMPLE)
    assert forms[0]["complete"] is True


def test_indicators_csv_reads_back_as_the_json(seed_run: Path) -> None:
    forms = json.loads((seed_run / f"{SEED_SAMPLE.stem}.json").read_text("utf-8"))
    frame = pd.read_csv(seed_run / "indicators.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == TABLES[1].header
    rows = forms[0]["indicators"]
    assert len(frame) == len(rows) == 42
    for number, (record, row) in enumerate(zip(frame.to_dict("records"), rows, strict=True), 1):
        assert record["file"] == str(SEED_SAMPLE) and record["form_index"] == "0"
        assert record["row"] == str(number)
        assert {f: record[f] for f in INDICATOR_FIELDS} == {
            f: row[f] or "" for f in INDICATOR_FIELDS
        }


def test_forms_and_funds_csv(seed_run: Path) -> None:
    (form,) = read_csv(seed_run / "forms.csv")
    golden = GOLDEN[0]
    assert form["project_name"] == golden["project_name"]
    assert form["total_weight"] == "100" and form["total_score"] == "93.83"
    assert form["funds_rate"] == "76.33%" and form["executed"] == "375.544200"
    assert form["complete"] == "true" and form["n_indicators"] == "42"
    funds = read_csv(seed_run / "funds.csv")
    assert [{f: r[f] for f in FUND_FIELDS} for r in funds] == [
        {f: v or "" for f, v in row.items()} for row in golden["funds"]
    ]
    assert read_csv(seed_run / "errors.csv") == []


def test_audit_columns_and_findings_join_the_rows(seed_run: Path) -> None:
    audit = json.loads((seed_run / f"{SEED_SAMPLE.stem}.json").read_text("utf-8"))[0]["audit"]
    (form,) = read_csv(seed_run / "forms.csv")
    assert form["total_reported"] == "93.83" and form["budget_score_reported"] == "7.63"
    assert form["total_recomputed"] == audit["summary"]["total_recomputed"]
    assert form["OUT_score_recomputed"] == audit["summary"]["level1"]["OUT"]["score_recomputed"]
    assert form["n_findings"] == str(len(audit["findings"]))
    indicators = read_csv(seed_run / "indicators.csv")
    recomputed = {r["row"]: r["score_recomputed"] for r in audit["indicators"]}
    assert [r["score_recomputed"] for r in indicators] == [
        recomputed[i] or "" for i in range(len(indicators))
    ]
    findings = read_csv(seed_run / "findings.csv")
    assert findings, "the seed's unexplained 0.5-of-1 row is a finding"
    assert [f["code"] for f in findings] == [f["code"] for f in audit["findings"]]
    for finding, original in zip(findings, audit["findings"], strict=True):
        if original["section"] == "indicator":
            row = indicators[int(finding["row"]) - 1]  # 1-based, as in indicators.csv
            assert row["level3"] in original["message"]


def test_csv_has_bom_for_excel(seed_run: Path) -> None:
    for name in ("forms", "indicators", "funds", "findings", "errors"):
        assert (seed_run / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_holds_the_same_tables(seed_run: Path) -> None:
    book = load_workbook(seed_run / "selfeval.xlsx")
    assert book.sheetnames == SHEETS
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
    sheet = book["indicators"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == TABLES[1].header
    csv_rows = read_csv(seed_run / "indicators.csv")
    assert len(values) - 1 == len(csv_rows)
    level3 = values[0].index("level3")
    assert [r[level3] for r in values[1:]] == [r["level3"] for r in csv_rows]
    row_column = values[0].index("row")
    assert [r[row_column] for r in values[1:]] == list(range(1, 43))  # numbers, not text


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "empty": folder / "empty.txt",
        "junk": folder / "junk.pdf",
        "prose": folder / "minutes.txt",
        "cut": folder / "cut.txt",
    }
    files["empty"].write_bytes(b"")
    files["junk"].write_bytes(bytes(range(256)) * 20)
    files["prose"].write_text(
        "会议纪要\n今天召开工作会议，讨论明年的预算安排和人员分工。\n", "utf-8"
    )
    lines = SEED_SAMPLE.read_text("utf-8").splitlines(keepends=True)
    files["cut"].write_text("".join(lines[:300]), "utf-8")  # stops inside the indicator grid
    return files


def test_bad_inputs_are_reported_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_inputs(tmp_path / "in")
    good = shutil.copy(SEED_SAMPLE, tmp_path / "in" / "good.txt")
    out = tmp_path / "out"
    assert extract(tmp_path / "in", "--out", out) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    expected = {
        bad["empty"]: "empty",
        bad["junk"]: "not-a-form",
        bad["prose"]: "not-a-form",
        bad["cut"]: "incomplete",
    }
    for path, code in expected.items():
        assert any(line.startswith(f"{path}: {code}: ") for line in lines), (path, lines)
    errors = {row["file"]: row["code"] for row in read_csv(out / "errors.csv")}
    assert errors == {str(p): c for p, c in expected.items()}
    cut = json.loads((out / "cut.json").read_text("utf-8"))
    assert cut[0]["complete"] is False
    assert 0 < len(cut[0]["indicators"]) < 42
    good_forms = json.loads((out / "good.json").read_text("utf-8"))
    assert good_forms[0]["complete"] is True
    assert [contract_view(f) for f in good_forms] == GOLDEN  # the bad files spoil nothing
    assert not (out / "empty.json").exists()
    forms = read_csv(out / "forms.csv")
    assert [(r["file"], r["complete"]) for r in forms] == [
        (str(bad["cut"]), "false"),
        (str(good), "true"),
    ]
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["errors_by_code"] == {"empty": 1, "incomplete": 1, "not-a-form": 2}
    assert run["exit_code"] == 1


def test_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert extract(bad["empty"], bad["junk"], "--out", out) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert [r["code"] for r in read_csv(out / "errors.csv")] == ["empty", "not-a-form"]
    assert extract(tmp_path / "missing.pdf", "--out", out) == 2
    assert "no such file" in capsys.readouterr().err


def test_inputs_sharing_a_name_get_distinct_outputs(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        shutil.copy(SEED_SAMPLE, tmp_path / "in" / sub / "form.txt")
    out = tmp_path / "out"
    assert extract(tmp_path / "in", "--out", out) == 0
    assert sorted(p.name for p in out.glob("*.json") if p.name != "run.json") == [
        "a__form.txt.json",
        "b__form.txt.json",
    ]
    files = [r["file"] for r in read_csv(out / "forms.csv")]
    assert files == [str(tmp_path / "in/a/form.txt"), str(tmp_path / "in/b/form.txt")]


def test_show_prints_the_form(seed_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed_run / f"{SEED_SAMPLE.stem}.json")]) == 0
    text = capsys.readouterr().out
    assert "北京科技协作中心" in text and "93.83" in text and "76.33%" in text
    assert main(["show", str(SEED_SAMPLE), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [contract_view(f) for f in shown] == GOLDEN


def test_show_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["show", str(empty)]) == 2
    assert capsys.readouterr().err.strip() == f"{empty}: empty: the file is empty"


# -- the first hour: messages, quiet console, start-up --------------------------------------

#: A PDF (made outside the project) whose fonts make pdfminer log "Could not get FontBBox".
NOISY_PDF = VALIDATION / "seed_html_noto.pdf"


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it: a fresh process, its own stdout and stderr."""
    command = [sys.executable, "-m", "selfeval", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


def test_summary_counts_full_partial_and_failed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bad_inputs(tmp_path / "in")
    shutil.copy(SEED_SAMPLE, tmp_path / "in" / "good.txt")
    assert extract(tmp_path / "in", "--out", tmp_path / "out") == 1
    out = capsys.readouterr().out
    assert "5 files: 1 read in full, 1 read in part, 3 failed" in out
    assert "5 read in this run, 0 reused" in out
    assert "problems by code: empty 1, incomplete 1, not-a-form 2;" in out


def test_all_failed_is_not_called_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_inputs(tmp_path / "in")
    assert extract(bad["empty"], bad["junk"], "--out", tmp_path / "out") == 2
    out = capsys.readouterr().out
    assert "2 files: 0 read in full, 0 read in part, 2 failed" in out
    assert "converted" not in out


def test_output_folder_that_holds_the_inputs_is_named(tmp_path: Path) -> None:
    shutil.copy(SEED_SAMPLE, tmp_path / "form.txt")
    result = run_cli("extract", ".", "--out", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("selfeval extract: the input . is the output folder .")
    assert "--out out" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_SAMPLE, tmp_path / "in" / "form.txt")
    result = run_cli("extract", "in", "--out", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "the input in is inside the output folder ." in result.stderr
    # an output folder inside the inputs is fine: it is left out
    assert run_cli("extract", ".", "--out", "out", "-q", cwd=tmp_path).returncode == 0


def test_files_of_a_kind_not_read_are_named(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_SAMPLE, tmp_path / "in" / "form.txt")
    (tmp_path / "in" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "in" / "form.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "in" / "notes.py").write_text("x = 1\n")  # code: passed over in silence
    result = run_cli("extract", "in", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if "passed over" in x)
    assert "passed over 2 file(s) of a kind not read (" in line
    assert ".png 1" in line and ".odt 1" in line and ".py" not in line.split("read are")[0]
    assert ".pdf" in line.split("read are")[1]


def test_progress_stays_off_a_pipe_and_q_leaves_only_problems(tmp_path: Path) -> None:
    shutil.copy(SEED_SAMPLE, tmp_path / "form.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("extract", "form.txt", "empty.txt", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "files/s" not in result.stderr and "ETA" not in result.stderr  # no progress lines
    assert "read in full" in result.stdout
    quiet = run_cli("extract", "form.txt", "empty.txt", "--out", "out2", "-q", cwd=tmp_path)
    assert quiet.stdout == ""
    assert quiet.stderr.strip() == "empty.txt: empty: the file is empty"


def test_library_noise_only_with_verbose(tmp_path: Path) -> None:
    assert NOISY_PDF.is_file(), f"missing {NOISY_PDF}: ../shared/validation is the judge"
    for command in (["show"], ["audit"], ["names"]):
        result = run_cli(*command, NOISY_PDF)
        assert "FontBBox" not in result.stderr, command
        assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    result = run_cli("extract", NOISY_PDF, "--out", tmp_path / "out")
    assert result.returncode == 0 and result.stderr == ""
    verbose = run_cli("show", NOISY_PDF, "--verbose", "--engine", "pdfplumber")  # pdfminer's noise
    lines = [x for x in verbose.stderr.splitlines() if "FontBBox" in x]
    assert lines and all(x.startswith("debug: pdfminer.") for x in lines)


def test_names_reads_a_record_with_a_numeric_year(tmp_path: Path) -> None:
    record = json.loads(json.dumps(GOLDEN))
    record[0]["year"] = 2021
    path = tmp_path / "golden.json"
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    result = run_cli("names", path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "distinct names in 1 file(s)" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"indicators": [{"level1": {"x": 1}}]}]), "utf-8")
    result = run_cli("names", broken)
    assert "Traceback" not in result.stderr
    assert f"{broken}: not readable as forms: " in result.stderr


def test_a_bug_is_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfeval.commands.taxonomy as taxonomy

    def broken(args: object) -> int:
        raise KeyError("boom")

    monkeypatch.setattr(taxonomy, "run", broken)
    monkeypatch.setattr(taxonomy, "register", _register_with(broken, taxonomy.register))
    assert main(["taxonomy"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selfeval taxonomy: internal error: KeyError: 'boom'")
    assert "Traceback" not in err
    assert main(["taxonomy", "--verbose"]) == 2
    assert "Traceback" in capsys.readouterr().err  # asked for


def _register_with(func, register):  # type: ignore[no-untyped-def]
    def wrapped(sub):  # type: ignore[no-untyped-def]
        register(sub)
        sub.choices["taxonomy"].set_defaults(func=func)

    return wrapped


def test_help_imports_no_reader() -> None:
    code = (
        "import sys; from selfeval.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ['extract', 'normalize', 'validate', 'jieba', 'pdfplumber', 'pdfminer',\n"
        "         'camelot', 'pandas', 'numpy', 'openpyxl', 'rich', 'regex']\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]"
    for command in ("audit", "extract", "names", "show", "taxonomy"):
        assert f"    {command}" in result.stdout  # every command listed with its help line


def test_engine_choices_are_the_readers() -> None:
    from selfeval.commands import ENGINES
    from selfeval.extract.reader import ENGINES as READERS

    assert tuple(ENGINES) == tuple(READERS) and ENGINES[0] == READERS[0]


def test_jieba_dictionary_is_loaded_once() -> None:
    """Text reader and normalizer share one dictionary: one load (from selfeval's fast cache,
    or jieba's own the first time on a machine), jieba's global tokenizer never."""
    code = (
        "import jieba, selfeval.extract.words as words\n"
        "loads = []\n"
        "real_init, real_load = jieba.Tokenizer.initialize, words.WordFreq.load.__func__\n"
        "def init(self, *a, **k):\n"
        "    if not self.initialized: loads.append('jieba')\n"
        "    return real_init(self, *a, **k)\n"
        "def load(cls, path):\n"
        "    loads.append('fast')\n"
        "    return real_load(cls, path)\n"
        "jieba.Tokenizer.initialize = init\n"
        "words.WordFreq.load = classmethod(load)\n"
        "from selfeval import pipeline\n"
        f"forms = pipeline.read({str(SEED_SAMPLE)!r})\n"
        "assert len(forms[0].indicators) == 42\n"
        "from selfeval.normalize import theme_of\n"
        "theme_of('服务对象满意度', None)\n"
        "print(loads.count('fast'), loads.count('jieba') <= 1, jieba.dt.initialized)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["1", "True", "False"], result.stderr


def test_fast_jieba_dictionary_answers_as_jiebas_own(tmp_path: Path) -> None:
    import logging

    import jieba

    from selfeval.extract.words import WordFreq, shared_tokenizer

    jieba.setLogLevel(logging.WARNING)
    own = jieba.Tokenizer()
    own.initialize()
    fast = shared_tokenizer()
    assert isinstance(fast.FREQ, WordFreq) and fast.total == own.total
    assert len(fast.FREQ) == len(own.FREQ)
    for word in ("满意度", "满", "满意", "数控机床", "中俄", "不存在的词语啊", "a", ""):
        assert (word in fast.FREQ) == (word in own.FREQ), word
        assert fast.FREQ.get(word) == own.FREQ.get(word), word
    names = [r["level3"] for r in GOLDEN[0]["indicators"]] + [GOLDEN[0]["goals"]["expected"]]
    for text in names:
        assert list(fast.cut(text)) == list(own.cut(text)), text
        assert list(fast.cut(text, HMM=False)) == list(own.cut(text, HMM=False)), text
    # the cache file round-trips; a damaged one is refused (and then rebuilt by the loader)
    path = tmp_path / "freq"
    WordFreq.from_dict({"甲乙": 3, "甲": 0, "乙": 5}).dump(path, 8)
    loaded, total = WordFreq.load(path)
    assert total == 8 and loaded.get("甲乙") == 3 and "甲" in loaded and "丙" not in loaded
    path.write_bytes(path.read_bytes()[:-4])
    assert WordFreq.load(path) is None


def test_words_added_by_normalize_stay_out_of_the_shared_dictionary() -> None:
    from selfeval.extract.words import derived_tokenizer, shared_tokenizer

    derived = derived_tokenizer()
    derived.add_word("预算控制数")
    assert "预算控制数" in derived.FREQ and "预算控制数" not in shared_tokenizer().FREQ
    assert derived.lcut("预算控制数") == ["预算控制数"]
    assert shared_tokenizer().lcut("预算控制数", HMM=False) != ["预算控制数"]


def test_a_form_without_ruling_lines_is_named_so(tmp_path: Path) -> None:
    """A sample form with every drawn line removed (PDFium deletes its path objects): the
    title is still on the page, so the message says the grid is missing, not the form."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    pdf = pdfium.PdfDocument(ROOT / "samples/pdf/2023-zhejiang-yuhang-lvhua-yanghu-docx.pdf")
    for page in pdf:
        for obj in [o for o in page.get_objects() if o.type == pdfium_raw.FPDF_PAGEOBJ_PATH]:
            page.remove_obj(obj)
        page.gen_content()
    path = tmp_path / "no-lines.pdf"
    pdf.save(path)
    pdf.close()
    for engine in ("pdfplumber", "pdfium"):
        result = run_cli("show", path, "--engine", engine)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"{path}: unsupported: the form's title is on page 1, but no ruled grid: tables "
            "drawn without ruling lines are not read"
        ), engine
    prose = ROOT / "tests/data/pdf/prose.pdf"  # no form at all: still not-a-form
    assert run_cli("show", prose).stderr.strip() == f"{prose}: not-a-form: no 绩效自评表 in 1 pages"


def test_an_image_is_named_with_what_is_read(tmp_path: Path) -> None:
    scan = shutil.copy(
        ROOT / "samples/preview/2021-beijing-keji-xiezuo-zhongxin-xlsx.png", tmp_path
    )
    result = run_cli("show", scan)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{scan}: unsupported: a PNG image: scanned forms need OCR")
    assert "it reads PDF (with a text layer), text, web pages (.html), .xlsx" in result.stderr
