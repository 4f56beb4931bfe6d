"""The sample index: every sample's stem, content, layout and what is hard in it.

Machine-readable on purpose: ``python -m samples.make`` renders exactly this list, INDEX.md and
the README table are generated from it, and tests can import it.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.record import Form as RecordForm
from samples.forms import Options, broken, build
from samples.model import Form, Layout, Row, Sample
from samples.model import Fund as SpecFund

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLDEN = ROOT / "golden" / "2021-beijing-keji-xiezuo-zhongxin.json"

AH_NOTE = (
    "注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分、"
    "预算资金执行率10分。如有其他需要说明的事项,请在表后备注。"
)


def seed_form() -> Form:
    """The seed (Beijing 2021) rebuilt from the lead's hand transcription, strings as printed."""
    data = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))[0]
    RecordForm.from_dict(data)  # the golden must be a valid record
    return Form(
        family="A",
        title=data["title"],
        year=data["year"],
        project_name=data["project_name"],
        department=data["department"],
        implementer=data["implementer"],
        managers=data["managers"],
        phone=data["phone"],
        funds=[SpecFund(**f) for f in data["funds"]],
        goals_expected=data["goals"]["expected"],
        goals_actual=data["goals"]["actual"],
        rows=[Row(**r) for r in data["indicators"]],
        total_weight=data["total"]["weight"],
        total_score=data["total"]["score"],
        topic="seed",
    )


def S(stem: str, forms: Form | list[Form], layout: Layout, hard: str, **kw) -> Sample:
    return Sample(stem, forms if isinstance(forms, list) else [forms], layout, hard, **kw)


def L(route: str, **kw) -> Layout:
    return Layout(route, **kw)


Opt = Options
UMING, UKAI, ZENHEI, MICROHEI = (
    "AR PL UMing CN",
    "AR PL UKai CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
SEED = "2021-beijing-keji-xiezuo-zhongxin"


def samples() -> list[Sample]:
    return [
        # --- the seed in every route -------------------------------------------------------
        S(
            f"{SEED}-xlsx",
            seed_form(),
            L("xlsx", repeat_labels=True),
            "seed as WPS/Excel export: manual breaks between rows, labels and grid header reprinted at page tops, 5+ line cells",
        ),
        S(
            f"{SEED}-docx",
            seed_form(),
            L("docx", size=9),
            "seed as a Word table: tall rows split over page breaks, merged 一级/二级 run over breaks",
        ),
        S(
            f"{SEED}-draw",
            seed_form(),
            L("draw", size=8.5, font=UMING),
            "seed drawn by a report engine: rectangle borders, per-char placement, rows split over pages",
        ),
        S(
            f"{SEED}-html",
            seed_form(),
            L("html", size=8, font=ZENHEI),
            "seed as a web system prints it: flat table, labels on every row, header repeated per page",
        ),
        # --- family A ----------------------------------------------------------------------
        S(
            "2022-beijing-chaoyang-falv-fuwu-xlsx",
            build("falv-fuwu", "A"),
            L("xlsx", repeat_labels=True),
            "hard line breaks inside the goals cells (numbered 1、2、3、), long target texts",
        ),
        S(
            "2021-hunan-lingling-youhai-shengwu-xlsx",
            build("youhai-shengwu", "A", Opt(na="—")),
            L("xlsx", font=UKAI, size=10, landscape=True),
            "landscape, Kai font, 上年结转资金 filled, — markers, ‰ values",
        ),
        S(
            "2022-anhui-guichi-cunji-buzhu-xlsx",
            build("cunji-buzhu", "A", Opt(l1_style="points", money_places=6)),
            L("xlsx", font=ZENHEI, size=8.5),
            "产出指标(50分) labels, empty 经济效益指标 placeholder row, money printed 202.640000",
        ),
        S(
            "2022-beijing-chaoyang-falv-fuwu-docx",
            build("falv-fuwu", "A"),
            L("docx", size=10.5, font=UMING),
            "Word table, 10.5pt: goals paragraphs, long targets split across pages",
        ),
        S(
            "2023-zhejiang-yuhang-lvhua-yanghu-docx",
            build("lvhua-yanghu", "A", Opt(l1_style="points", grade=True)),
            L("docx", font=UKAI, size=10),
            "Kai font, 产出指标(50分) labels, 自评等级 row",
        ),
        S(
            "2021-shanxi-jishan-jiben-gongwei-docx",
            build("jiben-gongwei", "A", Opt(title="稷山县项目支出绩效自评表", na="—")),
            L("docx", font=ZENHEI, size=10),
            "21 rows with 指标N: prefixes, county-prefixed title, fractional scores, rows split over pages",
        ),
        S(
            "2021-hebei-laoting-shangpin-jiance-draw",
            build("shangpin-jiance", "A", Opt(grade=True)),
            L("draw", font=MICROHEI, size=9),
            "drawn grid, 自评等级 row, letter-spaced labels",
        ),
        S(
            "2021-hubei-xianning-daqi-fangzhi-html",
            build("daqi-fangzhi", "A"),
            L("html", size=9),
            "web print: 上年结转资金 row filled, 执行率 of carry-over, flat grid",
        ),
        # --- A-AH ---------------------------------------------------------------------------
        S(
            "2022-anhui-tianchang-shuihan-fangyu-xlsx",
            build(
                "shuihan-fangyu", "A-AH", Opt(l1_style="lost", placeholders=True, footnote=AH_NOTE)
            ),
            L("xlsx", size=9),
            "level-1 label lost (only (50分)), ……/指标1: placeholder rows, / markers, (A)/(B) headers, footnote",
        ),
        # --- A-YN ---------------------------------------------------------------------------
        S(
            "2022-yunnan-changning-yingyang-gaishan-xlsx",
            build("yingyang-gaishan", "A-YN"),
            L("xlsx", font=UMING, size=9),
            "指标性质/指标值/度量单位 columns with full-width ≧ and ═",
        ),
        # --- B ------------------------------------------------------------------------------
        S(
            "2023-anhui-xiaoxian-tezhong-zhongyang-xlsx",
            build("tezhong-zhongyang", "B", Opt(l1_style="points")),
            L("xlsx", font=ZENHEI),
            "分值 before the values, ★ core rows, empty 生态效益指标 row, 全年实际值",
        ),
        # --- C ------------------------------------------------------------------------------
        S(
            "2023-sichuan-qingshen-gongzi-zhichu-xlsx",
            build("gongzi-zhichu", "C"),
            L("xlsx"),
            "Sichuan 510000_0013zp: 权重, 预算执行情况(10分), 5 fund rows, footer 评价结论/存在问题",
        ),
        S(
            "2024-sichuan-meishan-nongcun-gonglu-xlsx",
            build("nongcun-gonglu", "C"),
            L("xlsx", landscape=True, font=MICROHEI),
            "C landscape, 完成值 without unit, 执行率 below 100%",
        ),
        # --- 部门整体 ------------------------------------------------------------------------
        S(
            "2023-anhui-jinzhai-meili-xiangcun-xlsx",
            build("meili-xiangcun", "DEPT", Opt(na="—")),
            L("xlsx"),
            "部门整体 form: header only 部门, 预算资金(万元)",
        ),
        # --- deliberately broken --------------------------------------------------------------
        S(
            "err-total-sum-2023-zhejiang-yuhang-lvhua-yanghu-xlsx",
            broken(build("lvhua-yanghu", "A"), "total.sum"),
            L("xlsx"),
            "总分 is 2.5 above the sum of scores",
        ),
        S(
            "err-funds-misplaced-2022-anhui-guichi-cunji-buzhu-xlsx",
            broken(build("cunji-buzhu", "A-AH", Opt(l1_style="points")), "funds.misplaced"),
            L("xlsx"),
            "年度资金总额 row 0 0 0 10 0 0 while 其中 row holds the money (as in real 013)",
        ),
    ]


def by_stem() -> dict[str, Sample]:
    return {s.stem: s for s in samples()}
