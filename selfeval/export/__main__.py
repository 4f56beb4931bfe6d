"""``python -m selfeval.export``: rewrite docs/columns.md from the column definitions."""

from pathlib import Path

from selfeval.export.writers import COLUMNS_DOC, columns_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[2] / COLUMNS_DOC
    target.parent.mkdir(exist_ok=True)
    target.write_text(columns_markdown(), encoding="utf-8")
    print(f"wrote {target}")
