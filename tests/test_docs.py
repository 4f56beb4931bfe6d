"""The user documentation (README.md, docs/*.md) says only what is true.

Every link resolves, every repository path named exists, every ``make`` target is in the
Makefile, every ``selfeval`` command line names a real command and real options (checked
against its ``--help``), docs/columns.md is what the code generates, and the README's tour and
Python example run as written and print what the README says.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from selfeval.export import COLUMNS_DOC, columns_markdown
from tests.conftest import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
#: Top-level names of the repository: a path in the docs starting with one must exist.
REPO_TOP = (
    "samples/",
    "golden/",
    "docs/",
    "extract/",
    "normalize/",
    "validate/",
    "selfeval/",
    "tests/",
    "bench/",
    "notebooks/",
    "tools/",
    "../shared/",
)
REPO_FILES = ("Makefile", "pyproject.toml", "LICENSE", "README.md")


def page_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def code_spans(text: str) -> list[str]:
    """Inline code (`...`) and the lines of fenced or indented code blocks."""
    spans: list[str] = []
    fenced = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
    for block in fenced.findall(text):
        spans += block.splitlines()
    text = fenced.sub("", text)
    for line in text.splitlines():
        if line.startswith("    ") and line.strip():
            spans.append(line.strip())
    spans += re.findall(r"`([^`\n]+)`", text)
    return [s.strip() for s in spans if s.strip()]


def command_lines(text: str) -> list[list[str]]:
    """Every ``selfeval ...`` command line in the code of a page, as argv after 'selfeval'."""
    found = []
    for span in code_spans(text):
        span = span.split("#", 1)[0].strip()  # a trailing shell comment
        match = re.match(r"^(?:\.venv/bin/)?selfeval(\s.*)?$", span)
        if not match:
            continue
        try:
            argv = shlex.split(match.group(1) or "")
        except ValueError:
            continue
        if argv and argv[0].endswith(":"):
            continue  # a message the command prints ("selfeval extract: ..."), not a command
        found.append(argv)
    return found


@cache
def help_text(command: str | None) -> str:
    argv = [command, "--help"] if command else ["--help"]
    result = subprocess.run(
        [sys.executable, "-m", "selfeval", *argv], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, (command, result.stderr)
    return result.stdout


def commands() -> set[str]:
    from selfeval.cli import command_names

    return set(command_names())


def test_columns_doc_is_generated_from_the_tables() -> None:
    committed = (ROOT / COLUMNS_DOC).read_text("utf-8")
    assert committed == columns_markdown(), "run: python -m selfeval.export"


def test_columns_doc_names_every_column_once_per_table() -> None:
    from selfeval.export.tables import ERRORS, TABLES

    text = (ROOT / COLUMNS_DOC).read_text("utf-8")
    for table in (*TABLES, ERRORS):
        section = text.split(f"\n## {table.name}.csv\n", 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"^\| `([^`]+)` \|", section, re.M)
        assert listed == table.header


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_links_resolve(page: Path) -> None:
    text = page.read_text("utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (page.parent / target.split("#", 1)[0]).resolve()
        assert path.exists(), f"{page_id(page)} links to {target}, which does not exist"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_repository_paths_exist(page: Path) -> None:
    for span in code_spans(page.read_text("utf-8")):
        for token in re.split(r"[\s,;()=\"']+", span):
            token = token.rstrip(".:")
            if not token.startswith(REPO_TOP) and token not in REPO_FILES:
                continue
            if "<" in token or "..." in token.replace("../shared", ""):
                continue  # a placeholder: samples/<stem>.pdf
            if token.startswith("docs/") and page.parent.name == "docs":
                continue  # inside docs/ a bare docs/... names the output of a tool
            pattern = str(ROOT / token)
            where = "next to the repository" if token.startswith("../") else "in the repository"
            assert glob.glob(pattern) or Path(pattern).exists(), (
                f"{page_id(page)} names {token}, which is not {where}"
            )


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_make_targets_exist(page: Path) -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    for span in code_spans(page.read_text("utf-8")):
        for target in re.findall(r"(?:^|[\s`])make\s+(?:PY=\S+\s+)?([a-z][\w-]*)", span):
            assert target in targets, f"{page_id(page)}: make {target} is not a Makefile target"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_command_lines_use_real_commands_and_options(page: Path) -> None:
    for argv in command_lines(page.read_text("utf-8")):
        command = argv[0] if argv and not argv[0].startswith("-") else None
        if command is not None and command.isupper():
            continue  # the placeholder COMMAND
        if command is not None:
            assert command in commands(), f"{page_id(page)}: no command selfeval {command}"
        text = help_text(command)
        for arg in argv[1 if command else 0 :]:
            if arg.startswith("-") and arg not in ("-", "--"):
                flag = arg.split("=", 1)[0]
                assert re.search(rf"(^|[\s\[,]){re.escape(flag)}\b", text), (
                    f"{page_id(page)}: selfeval {command or ''} has no option {flag}"
                )


def test_readme_names_every_command() -> None:
    text = README.read_text("utf-8")
    for command in commands():
        assert f"selfeval {command}" in text, command


def test_readme_says_how_to_run_after_make_demo_and_install() -> None:
    text = README.read_text("utf-8")
    assert ".venv/bin/selfeval --help" in text and "source .venv/bin/activate" in text
    assert "pip install ." in text and "pipx install ." in text
    assert "Python 3.11" in text
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'selfeval = "selfeval.cli:main"' in pyproject  # what puts selfeval on PATH
    assert 'requires-python = ">=3.11"' in pyproject


def _tour() -> list[list[str]]:
    text = README.read_text("utf-8")
    section = text.split("\n## A five-minute tour\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the tour's shell block"
    return [shlex.split(line)[1:] for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tour_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where the tour runs as written: the repository's samples beside it."""
    here = tmp_path_factory.mktemp("tour")
    (here / "samples").symlink_to(ROOT / "samples")
    return here


def test_tour_runs_as_written(tour_dir: Path) -> None:
    steps = _tour()
    assert [s[0] for s in steps] == ["extract", "show", "audit", "report"]
    results = {}
    for argv in steps:
        results[argv[0]] = subprocess.run(
            [sys.executable, "-m", "selfeval", *argv],
            capture_output=True,
            text=True,
            cwd=tour_dir,
            timeout=600,
        )
    for name, result in results.items():
        assert "Traceback" not in result.stderr, (name, result.stderr)
    assert results["extract"].returncode == 0, results["extract"].stderr
    assert "2 files: 2 read in full, 0 read in part, 0 failed" in results["extract"].stdout
    assert (tour_dir / "out/tour/selfeval.xlsx").is_file()
    assert (tour_dir / "out/tour/forms.csv").is_file()
    assert results["show"].returncode == 0 and "城区公共绿地养护管理" in results["show"].stdout
    audit = results["audit"]
    assert audit.returncode == 1 and "total.sum" in audit.stdout and "相差 2.5" in audit.stdout
    assert results["report"].returncode == 0, results["report"].stderr
    assert (tour_dir / "out/tour/report/index.html").is_file()


def test_readme_python_example_prints_what_it_says() -> None:
    text = README.read_text("utf-8")
    section = text.split("\n## A five-minute tour\n", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    said = re.search(r"print\(.*\)\s+# (.+)", code).group(1).strip()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == said


def test_json_doc_python_example_runs() -> None:
    text = (ROOT / "docs/json.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    check = "\nassert set(frames) == {'forms', 'indicators', 'funds', 'findings'}\n"
    check += "assert record['project_name'] and len(record['indicators']) == 42\n"
    result = subprocess.run(
        [sys.executable, "-c", code + check], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_readme_install_commands_work() -> None:
    """The cheap ones: the two ways of calling selfeval after make demo."""
    bin_dir = Path(sys.executable).parent
    selfeval = bin_dir / ("selfeval.exe" if os.name == "nt" else "selfeval")
    assert selfeval.exists(), "make setup installs the selfeval script next to python"
    result = subprocess.run([str(selfeval), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "selfeval extract FOLDER --out OUT" in result.stdout
    assert (bin_dir / "activate").exists()


def test_readme_options_are_real() -> None:
    """Every option the README names in code (`--form N`, `-q`, `--progress lines`) is an
    option of some selfeval command."""
    helps = help_text(None) + "".join(help_text(c) for c in sorted(commands()))
    text = README.read_text("utf-8")
    named = {
        flag
        for span in code_spans(text)
        if not span.startswith(("pip", "pipx", "make", "source", "dask"))  # not ours
        for flag in re.findall(r"(?:^|\s)(--?[a-z][\w-]*)", span)
    }
    assert {"--form", "--json", "-q", "--progress", "--verbose", "--out"} <= named
    for flag in sorted(named):
        assert re.search(rf"(^|[\s\[,]){re.escape(flag)}\b", helps), flag


# -- the install as the README describes it (Makefile), with a stand-in Python ----------------

FAKE_PYTHON = """#!/bin/sh
# a stand-in interpreter: VERSION is what it claims to be; `-m venv DIR` makes DIR with a copy
# of itself; `-m pip ...` succeeds; `-c CODE` answers the Makefile's version check
case "$1" in
  -V) echo "Python $VERSION" ;;
  -c) [ "$VERSION" != "3.10.13" ] ;;
  -m) if [ "$2" = venv ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && touch "$3/made"; fi ;;
esac
"""


def _make(folder: Path, target: str, version: str) -> subprocess.CompletedProcess[str]:
    fake = folder / "fake-python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    env = {**os.environ, "VERSION": version}
    return subprocess.run(
        ["make", "--no-print-directory", target, f"PY={fake}"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def make_folder(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    return tmp_path


def test_make_stops_with_a_message_on_an_old_python(make_folder: Path) -> None:
    result = _make(make_folder, "demo", "3.10.13")
    assert result.returncode != 0
    assert "selfeval needs Python 3.11 or newer" in result.stdout
    assert "is Python 3.10.13" in result.stdout and "make PY=" in result.stdout
    assert not (make_folder / ".venv").exists()


def test_make_rebuilds_a_venv_a_failed_install_left(make_folder: Path) -> None:
    venv = make_folder / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "half-installed").touch()  # no .installed stamp: the install never finished
    (venv / "bin/python").write_text("#!/bin/sh\nexit 0\n")
    (venv / "bin/python").chmod(0o755)
    result = _make(make_folder, ".venv/.installed-run", "3.11.9")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (venv / "half-installed").exists() and (venv / "made").exists()
    assert (venv / ".installed-run").exists()  # stamped only now, after the install
    (venv / "made").unlink()
    (make_folder / "pyproject.toml").touch()  # a newer pyproject: reinstall into the same venv
    assert _make(make_folder, ".venv/.installed-run", "3.11.9").returncode == 0
    assert not (venv / "made").exists()  # reused, not rebuilt


def test_make_clean_removes_the_venv(make_folder: Path) -> None:
    (make_folder / ".venv/bin").mkdir(parents=True)
    (make_folder / "out").mkdir()
    assert _make(make_folder, "clean", "3.11.9").returncode == 0
    assert not (make_folder / ".venv").exists() and not (make_folder / "out").exists()
