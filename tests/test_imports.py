"""One import root: the stage folders install as selfeval.extract, .normalize and .validate.

configobj (and others) ship a top-level ``validate`` module; ours must not collide with it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED_SAMPLE


def test_stage_packages_are_ours():
    import selfeval.extract as extract
    import selfeval.normalize as normalize
    import selfeval.validate as validate

    for module in (extract, normalize, validate):
        assert Path(module.__file__).resolve().parent.parent == ROOT, module.__file__


def test_a_foreign_top_level_validate_does_not_shadow_ours(tmp_path: Path) -> None:
    """With another package's ``validate`` first on the path, both work side by side."""
    (tmp_path / "validate.py").write_text("VALIDATOR = 'configobj-like'\n", encoding="utf-8")
    code = (
        "import validate, selfeval.validate as ours; "
        "assert validate.VALIDATOR == 'configobj-like'; "
        "assert callable(ours.audit); print('ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_every_package_folder_is_installed() -> None:
    """The explicit package list in pyproject.toml names every folder with an __init__.py."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    mapping = {**{"selfeval": "selfeval"}, **config["setuptools"]["package-dir"]}
    found = set()
    for name, folder in mapping.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *rel)))
    data_only = {name for name in config["setuptools"]["package-data"] if name != "*"}
    assert found | data_only == set(config["setuptools"]["packages"])


def test_pip_install_beside_configobj_gives_both_validates(tmp_path: Path) -> None:
    """``pip install .`` into a folder, run beside configobj (a dev dependency): configobj's
    top-level ``validate`` and ``selfeval.validate`` both import and work."""
    source = tmp_path / "source"  # a copy: building in the repository would leave build/
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("selfeval", "extract", "normalize", "validate"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    site = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    install += ["--no-build-isolation", "--target", str(site), str(source)]
    done = subprocess.run(install, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (site / "selfeval" / "py.typed").is_file()
    assert not (site / "validate").exists() and not (site / "extract").exists()
    code = (
        "import validate, selfeval, selfeval.validate as ours; "
        f"assert selfeval.__file__.startswith({str(site)!r}), selfeval.__file__; "
        "assert validate.Validator().check('integer', '3') == 3; "
        f"form, = selfeval.read({str(SEED_SAMPLE)!r}); "
        "print(len(form.indicators), len(ours.audit(form).findings) > 0)"
    )
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["42", "True"]
