"""The review report: a static site over an extract output folder, and a local server that
records auditors' marks. See docs/report.md."""

from selfeval.report.build import REPORT_DIR, ReportStats, build_report, write_marks

__all__ = ["REPORT_DIR", "ReportStats", "build_report", "write_marks"]
