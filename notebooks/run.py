"""Execute notebooks/analysis.ipynb headless and write the executed copy beside its figures.

    python notebooks/run.py [--out out/notebook] [--inputs PATH ...] [--data DIR] [--load]

Used by ``make notebook`` and by tests/test_notebook.py. The notebook runs in a Jupyter kernel
of this interpreter (the kernelspec "selfeval", installed into ``sys.prefix`` on first use), so it
sees the same packages as the CLI. Any cell that raises stops the run: the partial copy is still
written for inspection and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOK = HERE / "analysis.ipynb"
KERNEL = "selfeval"


def ensure_kernel() -> str:
    """The name of a kernelspec that starts this very interpreter; installed if missing."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        if Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, display_name="Python (selfeval)", prefix=sys.prefix)
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    if Path(spec.argv[0]).resolve() != Path(sys.executable).resolve():
        raise RuntimeError(f"kernelspec {KERNEL!r} at {spec.resource_dir} runs another Python")
    return KERNEL


def kernel_manager(kernel_name: str, sockets: Path) -> KernelManager:
    """The kernel's manager: talking over local IPC sockets in the folder ``sockets`` where the
    platform has them (no network port, and no "Kernel is running over TCP without
    encryption" warning), TCP on Windows."""
    if os.name == "nt":
        return KernelManager(kernel_name=kernel_name)
    return KernelManager(kernel_name=kernel_name, transport="ipc", ip=str(sockets / "kernel"))


def settings(
    out: Path, inputs: list[str] | None = None, data: Path | None = None, load: bool = False
) -> dict[str, str]:
    """The notebook's environment variables for an output folder ``out``."""
    env = {
        "SELFEVAL_DATA": str((data or out / "data").resolve()),
        "SELFEVAL_FIGURES": str((out / "figures").resolve()),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    if inputs:
        env["SELFEVAL_INPUTS"] = os.pathsep.join(str(Path(p).resolve()) for p in inputs)
    if load:
        env["SELFEVAL_LOAD"] = "1"
    return env


def execute(
    out: Path,
    inputs: list[str] | None = None,
    data: Path | None = None,
    load: bool = False,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Run the notebook; write ``out/analysis.ipynb`` (also when a cell fails) and return it.

    Raises ``CellExecutionError`` for the first failing cell.
    """
    out.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with tempfile.TemporaryDirectory(prefix="selfeval-kernel-") as sockets:
        km = kernel_manager(ensure_kernel(), Path(sockets))
        client = NotebookClient(
            notebook,
            km=km,
            timeout=timeout,
            resources={"metadata": {"path": str(HERE)}},
        )
        env = {**os.environ, **settings(out, inputs, data, load)}
        try:
            client.execute(env=env)
        finally:
            nbformat.write(notebook, out / NOTEBOOK.name)
            if km.has_kernel:  # a manager passed in is not shut down by nbclient itself
                km.shutdown_kernel(now=False)
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "notebook")
    parser.add_argument("--inputs", nargs="+", help="files/folders to convert (default samples)")
    parser.add_argument("--data", type=Path, help="selfeval extract output folder to use")
    parser.add_argument("--load", action="store_true", help="only load --data, convert nothing")
    args = parser.parse_args(argv)
    try:
        execute(args.out, args.inputs, args.data, args.load)
    except CellExecutionError as exc:
        print(exc, file=sys.stderr)
        print(f"failed; partial notebook in {args.out / NOTEBOOK.name}", file=sys.stderr)
        return 1
    figures = sorted((args.out / "figures").glob("*.png"))
    print(f"executed notebook: {args.out / NOTEBOOK.name}")
    print(f"figures: {', '.join(str(f) for f in figures)}")
    print(f"summary: {args.out / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
