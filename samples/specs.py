"""The sample index: every sample's stem, content, layout and what is hard in it.

Machine-readable on purpose: ``python -m samples.make`` renders exactly this list, INDEX.md and
the README table are generated from it, and tests can import it.
"""

from __future__ import annotations

import json
from pathlib import Path

from samples.forms import Options, broken, build
from samples.model import Form, Layout, Row, Sample
from samples.model import Fund as SpecFund
from selfeval.extract.record import Form as RecordForm

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLDEN = ROOT / "golden" / "2021-beijing-keji-xiezuo-zhongxin.json"

AH_NOTE = (
    "注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分、"
    "预算资金执行率10分。如有其他需要说明的事项,请在表后备注。"
)


BUNDLE_PROSE = [
    "咸宁市生态环境局2021年度部门决算",
    "一、部门基本情况",
    "咸宁市生态环境局是市政府工作部门,主要负责全市生态环境保护的统一监督管理,拟订并组织实施"
    "生态环境政策、规划和标准,负责重大生态环境问题的统筹协调和监督管理,负责环境污染防治的"
    "监督管理,负责生态环境监测和执法工作。本部门决算由局机关和所属事业单位决算组成。",
    "二、收入支出决算总体情况说明",
    "2021年度收入总计8426.37万元,支出总计8426.37万元。与上年相比,收入、支出总计各增加"
    "1275.14万元,增长17.8%,主要原因是中央大气污染防治资金和林业有害生物防治资金增加。",
    "三、财政拨款支出决算情况说明",
    "2021年度财政拨款支出7512.06万元,主要用于以下方面:一般公共服务支出126.40万元,"
    "节能环保支出6894.21万元,农林水支出128.30万元,住房保障支出363.15万元。",
    "四、“三公”经费支出情况说明",
    "2021年度“三公”经费财政拨款支出决算为18.62万元,完成预算的86.6%,决算数小于预算数的"
    "主要原因是严格落实过紧日子要求,压减公务接待和公务用车运行维护费。",
    "五、预算绩效管理工作开展情况",
    "根据预算绩效管理工作要求,本部门组织对2021年度一般公共预算项目支出全面开展绩效自评,"
    "覆盖项目12个,资金8426.37万元。从自评结果看,项目总体完成年度绩效目标,部分项目存在"
    "完工时间滞后、资金执行进度偏慢等问题。现将部分项目绩效自评表作为附件公开。",
    "六、名词解释",
    "上年结转资金:指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"
    "项目支出:指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
]


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
            L("docx", size=12, font=UMING),
            "Word table, 12pt: goals paragraphs, long targets split across pages",
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
            L("draw", font=MICROHEI, size=11.5),
            "drawn grid, 自评等级 row, letter-spaced labels, rows split (11.5pt)",
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
        S(
            "2022-anhui-tianchang-shuihan-fangyu-draw",
            build(
                "shuihan-fangyu",
                "A-AH",
                Opt(l1_style="lost", placeholders=True, footnote=AH_NOTE, na="/"),
            ),
            L("draw", font=UKAI, size=9.5, repeat_labels=True),
            "drawn A-AH: only (50分) left of the level-1 label, …… rows, labels reprinted at page tops",
        ),
        S(
            "2022-anhui-guichi-cunji-buzhu-docx",
            build("cunji-buzhu", "A-AH", Opt(l1_style="lost")),
            L("docx", font=UMING, size=10.5),
            "A-AH in Word: (A)/(B) headers, empty 经济效益指标 row",
        ),
        S(
            "2022-yunnan-changning-yingyang-gaishan-draw",
            build("yingyang-gaishan", "A-YN"),
            L("draw", landscape=True, font=ZENHEI, size=9),
            "A-YN drawn landscape: operator column ≧/═",
        ),
        S(
            "2020-hebei-cheng-an-gaoling-jintie-docx",
            build("gaoling-jintie", "A-YN", Opt(na="/")),
            L("docx", size=10),
            "A-YN in Word: 元/人·月 unit column, / markers",
        ),
        S(
            "2020-hebei-cheng-an-gaoling-jintie-html",
            build("gaoling-jintie", "A-YN"),
            L("html", font=MICROHEI, size=9),
            "A-YN as a web table: nature/value/unit as separate cells",
        ),
        S(
            "2022-ningxia-yuanzhou-nongji-tuiguang-docx",
            build("nongji-tuiguang", "B", Opt(l1_style="points")),
            L("docx", font=ZENHEI, size=10),
            "B in Word: ★ core rows, 分值 before values",
        ),
        S(
            "2022-ningxia-yuanzhou-nongji-tuiguang-html",
            build("nongji-tuiguang", "B"),
            L("html", size=9),
            "B as a web table",
        ),
        S(
            "2021-shanxi-jishan-jiben-gongwei-draw",
            build("jiben-gongwei", "B", Opt(l1_style="points")),
            L("draw", size=9, font=UMING),
            "B drawn: 21 rows over pages, fractional scores",
        ),
        S(
            "2023-anhui-xiaoxian-tezhong-zhongyang-draw",
            build("tezhong-zhongyang", "B", Opt(na="—")),
            L("draw", font=MICROHEI, size=10, split_rows=False),
            "B drawn, rows kept whole, — markers",
        ),
        S(
            "2024-sichuan-meishan-nongcun-gonglu-draw",
            build("nongcun-gonglu", "C"),
            L("draw", landscape=True, font=UMING, size=9),
            "C drawn landscape: 权重, 原因 column, footer",
        ),
        S(
            "2023-sichuan-guangan-xiangcun-jiaoshi-html",
            build("xiangcun-jiaoshi", "C"),
            L("html", size=9, font=ZENHEI),
            "C as a web table",
        ),
        S(
            "2023-sichuan-guangan-xiangcun-jiaoshi-docx",
            build("xiangcun-jiaoshi", "C"),
            L("docx", landscape=True, size=10),
            "C in Word landscape",
        ),
        S(
            "2021-chongqing-kexuecheng-weijian-docx",
            build("bumen-zhengti-weijian", "DEPT", Opt(grade=True)),
            L("docx", font=UMING, size=12),
            "部门整体 in Word, 自评等级, carry-over funds, rows split (12pt)",
        ),
        S(
            "2021-chongqing-kexuecheng-weijian-draw",
            build("bumen-zhengti-weijian", "DEPT", Opt(na="—")),
            L("draw", font=ZENHEI, size=9),
            "部门整体 drawn",
        ),
        S(
            "2023-zhejiang-yuhang-lvhua-yanghu-html",
            build("lvhua-yanghu", "A", Opt(grade=True)),
            L("html", landscape=True, size=9.5),
            "A web table landscape, 自评等级",
        ),
        S(
            "2022-anhui-guichi-cunji-buzhu-draw",
            build("cunji-buzhu", "A", Opt(l1_style="points")),
            L("draw", font=UKAI, size=9.5),
            "drawn A, 产出指标(50分) labels",
        ),
        S(
            "2021-hunan-lingling-youhai-shengwu-docx",
            build("youhai-shengwu", "A", Opt(money_places=2)),
            L("docx", size=9, font=MICROHEI),
            "A in Word, ‰ values, carry-over",
        ),
        # --- a 决算 report with forms as attachments -----------------------------------------
        S(
            "2021-xianning-juesuan-bundle-docx",
            [
                build("daqi-fangzhi", "A"),
                build("youhai-shengwu", "A", Opt(na="—")),
                build("nongji-tuiguang", "B"),
            ],
            L("docx", size=11.5),
            "决算 report: prose pages, then three forms as 附件1-3",
            prose_before=BUNDLE_PROSE,
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
        S(
            "err-total-weight-2023-anhui-xiaoxian-tezhong-zhongyang-docx",
            broken(build("tezhong-zhongyang", "B"), "total.weight"),
            L("docx", size=10),
            "分值 column adds to 98 while 总分 prints 100",
        ),
        S(
            "err-budget-rate-2021-hubei-xianning-daqi-fangzhi-draw",
            broken(build("daqi-fangzhi", "A"), "budget.rate"),
            L("draw", size=9),
            "执行率 printed 6.4 points below 执行数/预算数",
        ),
        S(
            "err-budget-score-2023-sichuan-guangan-xiangcun-jiaoshi-xlsx",
            broken(build("xiangcun-jiaoshi", "C"), "budget.score"),
            L("xlsx"),
            "budget 得分 not 10 x 执行率",
        ),
        S(
            "err-budget-overspent-2023-anhui-jinzhai-meili-xiangcun-html",
            broken(build("meili-xiangcun", "DEPT", Opt(na="—")), "budget.overspent"),
            L("html", size=9),
            "执行数 above 预算数 (102.6%), as in real 039",
        ),
        S(
            "err-funds-breakdown-2021-hunan-lingling-youhai-shengwu-docx",
            broken(build("youhai-shengwu", "A"), "funds.breakdown"),
            L("docx", size=10),
            "财政拨款 + 上年结转 no longer add up to 年度资金总额",
        ),
        S(
            "err-score-exceeds-weight-2020-hebei-cheng-an-gaoling-jintie-draw",
            broken(build("gaoling-jintie", "A-YN"), "indicator.score-exceeds-weight"),
            L("draw", size=9.5),
            "a row scores 2 above its 分值",
        ),
        S(
            "err-recompute-2021-hebei-laoting-shangpin-jiance-html",
            broken(
                build("shangpin-jiance", "A"), "indicator.recompute", "indicator.deviation-missing"
            ),
            L("html", size=9),
            "one quantitative row scored 60% at 80% done; another short with no reason",
        ),
        S(
            "err-full-score-unmet-2022-ningxia-yuanzhou-nongji-tuiguang-xlsx",
            broken(build("nongji-tuiguang", "B"), "indicator.full-score-unmet"),
            L("xlsx", font=ZENHEI),
            "full 得分 on a row whose 全年实际值 is 未完成",
        ),
        S(
            "err-overachieved-2022-beijing-chaoyang-falv-fuwu-docx",
            broken(
                build("falv-fuwu", "A", Opt(grade=True)), "indicator.overachieved", "grade.mismatch"
            ),
            L("docx", size=12),
            "180% of target with no explanation; 自评等级 contradicts 总分",
        ),
        S(
            "err-duplicate-2024-sichuan-meishan-nongcun-gonglu-draw",
            broken(build("nongcun-gonglu", "C"), "structure.duplicate-indicator"),
            L("draw", size=9),
            "the same 三级指标 twice under 数量指标",
        ),
        S(
            "err-score-negative-2021-chongqing-kexuecheng-weijian-xlsx",
            broken(build("bumen-zhengti-weijian", "DEPT"), "indicator.score-negative"),
            L("xlsx"),
            "得分 -1 on an unfinished row",
        ),
    ]


def by_stem() -> dict[str, Sample]:
    return {s.stem: s for s in samples()}
