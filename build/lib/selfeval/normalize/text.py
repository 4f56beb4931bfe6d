"""Text clean-up shared by the name matcher and the value grammar.

Printed cells arrive full-width or half-width, in traditional characters (web mirrors of
Hubei/Taiwan-encoded documents), with pinyin in parentheses (``指標(biāo)``), spaced vertical
labels (``产 出 指 标``) and stray glyphs (★, Wingdings checkboxes). Everything downstream
compares the folded form made here; the printed text itself is never changed.
"""

from __future__ import annotations

import re
import unicodedata

# Traditional -> simplified, only characters that occur in these forms (names, units, values).
# A full converter (OpenCC) is 10x the size of everything else here and buys nothing.
_TRAD = (
    "績绩產产滿满標标數数質质時时項项務务會会經经濟济環环態态續续響响對对資资預预執执實实際际"
    "計计劃划發发給给護护設设備备檢检驗验審审門门單单擬拟達达與与為为於于個个萬万億亿場场戶户"
    "現现據据狀状況况進进準准確确開开運运營营養养衛卫醫医藥药學学師师興兴農农業业鄉乡鎮镇區区"
    "縣县財财補补貼贴費费辦办總总額额撥拨結结轉转餘余級级測测評评價价廣广東东後后關关長长機机"
    "構构報报廳厅職职稅税貸贷節节約约減减蓋盖歸归訓训練练導导織织組组參参問问題题點点體体統统"
    "網网線线車车輛辆無无應应當当處处規规範范維维綠绿華华國国層层稱称優优較较顯显盡尽舉举議议"
    "講讲傳传內内書书聯联絡络課课獎奖勵励勞劳動动險险災灾貧贫幫帮殘残兒儿婦妇種种豬猪糧粮園园"
    "橋桥鐵铁電电燈灯氣气熱热礦矿調调澆浇飲饮潔洁淨净汙污廢废棄弃雜杂複复雙双邊边圍围屆届遲迟"
    "選选擇择適适齊齐樣样檔档證证認认識识訂订討讨論论試试詢询諮咨詳详語语說说請请誤误錯错閱阅"
    "間间陸陆隊队陽阳雲云頁页順顺須须領领頻频類类飛飞館馆黨党齡龄專专幣币帶带庫库廠厂強强從从"
    "復复懷怀戰战擁拥擴扩斷断並并來来倉仓傷伤儀仪兩两劑剂勢势協协壓压塊块壞坏屬属歲岁歷历溝沟"
    "滅灭漁渔濕湿灣湾爭争獲获畢毕畫画療疗監监眾众礎础禮礼積积穩稳競竞築筑簽签簡简籌筹紀纪紅红"
    "純纯紙纸終终紹绍綜综緊紧編编緩缓縮缩繳缴羅罗聲声聽听臨临舊旧藝艺蘭兰虧亏衝冲裝装製制見见"
    "視视覽览觀观記记許许診诊該该誠诚談谈貨货購购貿贸賴赖賽赛贈赠趕赶趨趋跡迹踐践軍军軟软載载"
    "輔辅輕轻輸输違违遠远還还郵邮鄰邻釋释針针鋼钢錄录錢钱鍵键鎖锁閉闭閘闸隨随隱隐離离靈灵頂顶"
    "頒颁頭头願愿風风驅驱髮发鬥斗黃黄齒齿貫贯徹彻權权惠惠銷销訊讯衆众週周號号樓楼區区鄉乡厲厉"
    "則则愛爱嚴严寬宽歡欢鐘钟億亿畝亩噸吨臺台緒绪絕绝嚮向纍累雞鸡魚鱼麥麦蔬蔬"
)
TRAD_TO_SIMP = str.maketrans(dict(zip(_TRAD[0::2], _TRAD[1::2], strict=True)))

# Look-alike glyphs (after NFKC) -> the operator they stand for.
_GLYPHS = str.maketrans(
    {
        "≧": "≥",
        "≦": "≤",
        "═": "=",
        "⩾": "≥",
        "⩽": "≤",
        "〉": ">",
        "〈": "<",
        "－": "-",
        "—": "-",
        "–": "-",
        "―": "-",
        "～": "~",
        "〜": "~",
        "\u3000": " ",
        "\xa0": " ",
    }
)

_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
_STRAY = re.compile(r"[★☆※●○◆◇■□☑☐√✓✔£•·*＊#\"'“”‘’`]")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Width-fold (NFKC), map look-alike operators, fold traditional characters, drop pinyin.

    Keeps spaces and punctuation; use :func:`name_key` for the squeezed key of a label.
    """
    text = text.translate(_GLYPHS)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_GLYPHS).translate(TRAD_TO_SIMP)
    return _PINYIN.sub("", text)


def squeeze(text: str) -> str:
    """Folded text without any whitespace (PDF text often splits '10 0.00')."""
    return _SPACE.sub("", fold(text))


# "(50分)", "(分)" (digits lost), "50分)" (paren lost), "(50)", "（30%）" ending a label.
_SCORE_SUFFIX = re.compile(r"[(]?\s*\d*(?:\.\d+)?\s*(?:分|%)\s*[)]?$|\(\d+(?:\.\d+)?\)$")
# Numbering in front of a label: "一、", "1.", "(一)", "指标1:".
_NUMBERING = re.compile(r"^(?:[(]?[一二三四五六七八九十\d]{1,3}[)、.:]\s*)+")
_TRAILING_WORDS = ("类指标", "指标", "目标", ":")


def name_key(text: str | None) -> str:
    """The comparison key of a level-1/level-2 label: '产出指标(50分)' -> '产出'.

    Empty when nothing but decoration was printed (a lost label with only '(50分)' left).
    """
    if not text:
        return ""
    key = _SPACE.sub("", fold(text))
    key = _STRAY.sub("", key)
    key = _NUMBERING.sub("", key)
    previous = None
    while previous != key:
        previous = key
        key = _SCORE_SUFFIX.sub("", key)
        for word in _TRAILING_WORDS:
            if key.endswith(word) and len(key) > len(word):
                key = key[: -len(word)]
    return key.strip("()")
