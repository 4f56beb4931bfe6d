"""One Settings: each option declared once, built from flags or the environment, carried
unchanged into worker processes, and part of the batch's reuse key."""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

import pytest

import selfeval
from selfeval import pipeline
from selfeval.batch import BatchOptions, run_batch
from selfeval.cli import build_parser
from selfeval.settings import (
    MAX_MEMORY_MB,
    OPTIONS,
    TIMEOUT_SECONDS,
    Limits,
    Settings,
    SettingsError,
    default_engine,
    options_markdown,
)
from tests.conftest import ROOT

SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
SEED_FIRST_LEVEL3 = "中俄技术交流活动"
#: A user taxonomy whose theme claims the seed's first level-3 name (built-in: T.COUNT).
EXCHANGE_THEME = '[theme."T.EXCHANGE"]\nname = "交流"\nkeywords = ["技术交流活动"]\n'
#: A user audit config that turns the seed's one error into a warning.
MILD_CONFIG = '[severity]\n"indicator.deviation-missing" = "warning"\n'


def _parse(*argv: str) -> argparse.Namespace:
    return build_parser(list(argv)).parse_args(list(argv))


def _user_files(tmp_path: Path) -> tuple[Path, Path]:
    taxonomy = tmp_path / "exchange.toml"
    taxonomy.write_text(EXCHANGE_THEME, encoding="utf-8")
    config = tmp_path / "mild.toml"
    config.write_text(MILD_CONFIG, encoding="utf-8")
    return taxonomy, config


def _severities(form: dict[str, object]) -> dict[str, str]:
    audit = form["audit"]
    assert isinstance(audit, dict)
    return {f["code"]: f["severity"] for f in audit["findings"]}


def test_each_default_is_declared_once_and_shown_in_the_help() -> None:
    """The flags' argparse defaults are None (not given); the one default lives in the table
    and is what the help prints and what Settings falls back to."""
    for command in ("show", "audit", "extract", "names"):
        parser = build_parser([command])
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        actions = {a.dest: a for a in sub.choices[command]._actions}
        for name in ("engine", "taxonomy", "timeout", "max_memory"):
            assert actions[name].default is None, (command, name)
        assert f"(default: {TIMEOUT_SECONDS:g};" in (actions["timeout"].help or "")
        assert f"(default: {MAX_MEMORY_MB};" in (actions["max_memory"].help or "")
        assert f"(default: {default_engine()};" in (actions["engine"].help or "")
    settings = Settings.from_args(_parse("show", "x.pdf"))
    assert settings.engine == default_engine()
    assert settings.limits == Limits() == Limits(TIMEOUT_SECONDS, MAX_MEMORY_MB << 20)


def test_the_environment_variables_are_the_stages_own() -> None:
    from selfeval.normalize.taxonomy import ENV_VAR as TAXONOMY_ENV
    from selfeval.validate.config import ENV_VAR as CONFIG_ENV

    envs = {o.name: o.env for o in OPTIONS}
    assert envs["config"] == CONFIG_ENV and envs["taxonomy"] == TAXONOMY_ENV
    assert len(set(envs.values())) == len(OPTIONS)


def test_flags_beat_the_environment_which_beats_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taxonomy, _ = _user_files(tmp_path)
    other = next(e for e in ("pdfplumber", "pdfium") if e != default_engine())
    monkeypatch.setenv("SELFEVAL_ENGINE", other)
    monkeypatch.setenv("SELFEVAL_TIMEOUT", "7.5")
    monkeypatch.setenv("SELFEVAL_TAXONOMY", str(taxonomy))
    from_env = Settings.from_env()
    assert from_env.engine == other
    assert from_env.limits == Limits(seconds=7.5)  # a limit variable turns limits on
    assert from_env.taxonomy.sources[-1] == str(taxonomy)
    args = _parse("show", "x.pdf", "--engine", default_engine(), "--max-memory", "300")
    from_args = Settings.from_args(args)
    assert from_args.engine == default_engine()
    assert from_args.limits == Limits(seconds=7.5, memory=300 << 20)
    monkeypatch.delenv("SELFEVAL_TIMEOUT")
    assert Settings.from_env().limits is None  # the API reads without limits unless asked


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "x.pdf", "--timeout", "0"],
        ["show", "x.pdf", "--max-memory", "-1"],
        ["audit", "x.pdf", "--config", "{missing}"],
        ["names", "x.pdf", "--taxonomy", "{missing}"],
    ],
)
def test_settings_that_cannot_be_used_are_one_named_error(tmp_path: Path, argv: list[str]) -> None:
    argv = [a.replace("{missing}", str(tmp_path / "missing.toml")) for a in argv]
    with pytest.raises(SettingsError):
        Settings.from_args(_parse(*argv))
    from selfeval.cli import main

    assert main(argv) == 2


def test_settings_pickle_whole_and_share_one_taxonomy_per_worker(tmp_path: Path) -> None:
    taxonomy, config = _user_files(tmp_path)
    settings = Settings.from_args(
        _parse("show", "x.pdf", "--taxonomy", str(taxonomy), "--config", str(config))
    )
    first, second = (pickle.loads(pickle.dumps(settings)) for _ in range(2))
    assert first.fingerprint == settings.fingerprint
    assert (first.engine, first.config, first.limits) == (
        settings.engine,
        settings.config,
        settings.limits,
    )
    assert "T.EXCHANGE" in first.taxonomy.themes
    assert first.taxonomy is second.taxonomy  # normalize's caches stay warm across tasks


def test_the_fingerprint_follows_what_shapes_the_output(tmp_path: Path) -> None:
    taxonomy, config = _user_files(tmp_path)
    base = Settings()
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / taxonomy.name).write_bytes(taxonomy.read_bytes())
    with_taxonomy = Settings.from_args(_parse("show", "x", "--taxonomy", str(taxonomy)))
    elsewhere = Settings.from_args(_parse("show", "x", "--taxonomy", str(copy / taxonomy.name)))
    with_config = Settings.from_args(_parse("audit", "x", "--config", str(config)))
    other = next(e for e in ("pdfplumber", "pdfium") if e != base.engine)
    prints = {
        base.fingerprint,
        with_taxonomy.fingerprint,
        with_config.fingerprint,
        base.replace(engine=other).fingerprint,
    }
    assert len(prints) == 4
    assert elsewhere.fingerprint == with_taxonomy.fingerprint  # content, not file names
    assert base.replace(limits=Limits(seconds=1), verbose=True).fingerprint == base.fingerprint


def test_a_worker_reads_with_exactly_the_callers_settings(tmp_path: Path) -> None:
    """The user taxonomy and audit config reach the worker process (limits on) just as they
    shape an in-process read; without them the built-in ones apply."""
    taxonomy, config = _user_files(tmp_path)
    user = Settings.from_args(
        _parse("show", "x", "--taxonomy", str(taxonomy), "--config", str(config))
    )
    for settings in (user.replace(limits=None), user):  # in this process, then in a worker
        (form,) = [f.to_dict() for f in pipeline.read(SEED, settings)]
        first = form["indicators"][0]
        assert first["level3"] == SEED_FIRST_LEVEL3
        assert first["normalized"]["level3_theme"] == "T.EXCHANGE"
        assert _severities(form)["indicator.deviation-missing"] == "warning"
    (plain,) = [f.to_dict() for f in selfeval.read(SEED, settings=Settings())]
    assert plain["indicators"][0]["normalized"]["level3_theme"] == "T.COUNT"
    assert _severities(plain)["indicator.deviation-missing"] == "error"


def test_the_api_keywords_still_work_and_equal_the_settings() -> None:
    by_keyword = selfeval.read(SEED, engine=default_engine(), limits=Limits(seconds=60))
    by_settings = selfeval.read(SEED, settings=Settings(limits=Limits(seconds=60)))
    assert [f.to_dict() for f in by_keyword] == [f.to_dict() for f in by_settings]


def test_the_cli_passes_its_settings_to_the_batch_workers(tmp_path: Path) -> None:
    """`extract --taxonomy/--config` shape the per-file JSON the workers write."""
    from selfeval.cli import main

    taxonomy, config = _user_files(tmp_path)
    out = tmp_path / "out"
    argv = ["extract", str(SEED), "--out", str(out), "-j", "1", "--progress", "off", "-q"]
    assert main([*argv, "--taxonomy", str(taxonomy), "--config", str(config)]) == 0
    (form,) = json.loads((out / f"{SEED.stem}.json").read_text("utf-8"))
    assert form["indicators"][0]["normalized"]["level3_theme"] == "T.EXCHANGE"
    assert _severities(form)["indicator.deviation-missing"] == "warning"


def test_the_reuse_key_holds_the_output_shaping_settings(tmp_path: Path) -> None:
    taxonomy, config = _user_files(tmp_path)
    out = tmp_path / "out"

    def run(settings: Settings) -> tuple[int, int]:
        report = run_batch([SEED], BatchOptions(out=out, progress="off", settings=settings))
        return report.converted, report.skipped

    plain = Settings()
    assert run(plain) == (1, 0)
    assert run(plain) == (0, 1)  # same input, code and settings: reused
    assert run(plain.replace(limits=Limits(seconds=90))) == (0, 1)  # limits shape nothing
    with_config = Settings.from_args(_parse("audit", "x", "--config", str(config)))
    assert run(with_config) == (1, 0)
    with_taxonomy = Settings.from_args(_parse("show", "x", "--taxonomy", str(taxonomy)))
    assert run(with_taxonomy) == (1, 0)
    assert run(with_taxonomy) == (0, 1)
    state = json.loads((out / ".state" / f"{SEED.stem}.json").read_text("utf-8"))
    assert state["settings"] == with_taxonomy.fingerprint


def test_the_options_doc_is_generated_from_the_table() -> None:
    committed = (ROOT / "docs/options.md").read_text("utf-8")
    assert committed == options_markdown(), "run: python -m selfeval.settings"
