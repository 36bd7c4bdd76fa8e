"""The one lexicon of titles and name words (pure): what stands before or after a person's name.

The candidate finder looks for names next to these titles; the matcher takes a short form
(王, 習) for a second reference only before one of :data:`SHORT_TITLES`; the registry refuses an
alias that ends with one of :data:`TITLE_SUFFIXES` (a title is never part of a name).  One list
per use, all here, so that a new title is added in one place.
"""

from __future__ import annotations

#: A country's short prefix before a Japanese title (トランプ米大統領, ルビオ米国務長官).
COUNTRY_PREFIX_JA = "(?:米国|米|中国|中|ロシア|ロ|露|英国|英|仏|独|韓国|韓|日本|日|北朝鮮|ウクライナ|インド|国連)?"

#: Japanese titles after a name (岩屋毅外相, トランプ大統領).
TITLES_JA = (
    "大統領", "副大統領", "国務長官", "国防長官", "財務長官", "官房長官", "長官", "報道官",
    "外務省報道官", "国務院総理",
    "総理", "首相", "外相", "外務大臣", "国防相", "防衛相", "大臣", "国家主席", "主席", "事務総長",
    "大使", "議長",
    "委員長", "書記", "次官", "代表", "知事", "議員", "氏", "さん", "首席", "報道局長", "補佐官", "特使",
)  # fmt: skip

#: Words that stand where a name would but are none (各国首脳, 両国外相, 同氏 …).
NOT_NAMES = frozenset(
    {
        "各国", "両国", "同国", "自国", "他国", "同", "両", "各", "政府", "関係", "出席", "会談",
        "前任", "後任", "歴代",
        "現職", "日中", "米中", "中ロ", "日米", "首脳", "外相", "首相", "当局", "同氏", "双方",
        "该国", "两国",
    }
)  # fmt: skip

#: Chinese titles next to a name (美国总统特朗普, 外交部发言人林剑).
TITLES_ZH = (
    "总统", "副总统", "总理", "国务院总理", "主席", "外长", "外交部长", "部长", "发言人", "国务卿",
    "秘书长", "大使", "首相",
    "秘书", "特使", "议长", "总书记", "先生", "女士", "總統", "總理", "外長", "發言人", "國務卿",
    "秘書長", "部長",
    "代表", "常驻联合国代表", "常駐聯合國代表", "副外长", "副外長", "副部长", "副部長", "新闻秘书", "新聞秘書",
    "外交部長", "國務院總理", "主席", "首席部长", "首席部長",
    "财长", "財長", "外相", "院长", "院長", "商务部长", "商務部長", "驻华大使", "駐華大使", "大臣", "领导人", "領導人",
    "教授", "专员", "專員", "长官", "長官", "代总统", "代總統", "顾问", "顧問", "国家安全顾问", "國家安全顧問",
    "记者", "記者", "评论员", "評論員", "通讯员", "通訊員", "研究员", "研究員", "行政长官", "行政長官", "特首",
)  # fmt: skip

#: What follows a Chinese name right after its title (a verb, a preposition, a time word, a mark):
#: where the name ends (国务卿卢比奥表示, 外相茂木敏充則回應, 副主席韩正在中南海).
AFTER_NAME_ZH = (
    "表示", "指出", "强调", "強調", "说", "說", "称", "稱", "则", "則", "在", "于", "於", "和", "与", "與",
    "对", "對", "受访", "受訪", "也", "亦", "等", "会见", "會見", "会晤", "會晤", "出席", "访问", "訪問",
    "通过", "通過", "稍后", "稍後", "随后", "隨後", "今天", "昨天", "今日", "昨日", "日前", "近日", "上月",
    "本月", "将", "將", "已", "曾", "还", "還", "并", "並", "同", "向", "就", "为", "為", "是", "的", "率",
    "抵达", "抵達", "举行", "舉行", "回应", "回應", "发表", "發表", "签署", "簽署", "宣布", "主持", "共同",
    "参加", "參加", "接受", "透露", "认为", "認為", "提到", "当天", "當天", "周", "週", "星期", "先生", "女士",
    "陪同", "上台", "上任", "此访", "此訪", "此行", "会将", "會將", "一行", "上周", "上週", "下周", "下週", "本周",
    "本週", "上午", "下午", "早前", "晚间", "晚間", "所", "又",
)  # fmt: skip

#: The characters Chinese writes foreign names with (普拉博沃, 魯比奧, 扎哈罗娃), simplified and
#: traditional: a run of them right after a title is a transliterated name.
TRANSLITERATION_ZH = frozenset(
    "阿埃艾安昂奥奧巴拔班邦包保鲍鮑贝貝本比彼毕畢宾賓波伯博布查達达戴丹德迪蒂丁东東杜多厄恩法菲费費芬丰豐佛夫福弗"
    "富伽盖蓋甘戈格古哈海汉漢豪赫黑亨胡华華霍基吉加贾賈杰傑金卡凯凱坎康柯科克肯库庫拉莱萊赖賴兰蘭朗劳勞勒雷蕾里莉利"
    "连連林琳隆卢盧鲁魯路伦倫罗羅洛玛瑪马馬迈邁麦麥曼梅美蒙米密敏明莫姆穆纳納娜奈南内內尼妮宁寧纽紐努诺諾帕潘佩"
    "彭皮普奇齐齊恰乔喬切钦欽琴丘萨薩塞赛賽桑瑟森沙莎尚舍什施斯苏蘇索塔泰坦汤湯唐特提廷图圖托瓦万萬旺威维維韦韋温溫"
    "沃乌烏伍西希夏谢謝辛休许許雅亚亞扬揚耶伊因英尤于約约泽澤扎詹兹茲佐娃娅婭黛丝絲莱萊茨芙薇"
)

#: English titles before a name (Secretary of State Marco Rubio, Mr. Wang).
TITLES_EN = (
    "President", "Vice President", "Secretary of State", "Secretary of Defense",
    "Foreign Minister", "Prime Minister",
    "Defense Minister", "Defence Minister", "Minister", "Premier", "Secretary-General",
    "Ambassador", "Chairman",
    "Chancellor", "Senator", "Spokesman", "Spokeswoman", "Spokesperson", "Mr.", "Ms.", "Mrs.", "Dr.", "Envoy",
    "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "envoy", "adviser",
    "Prince", "King",
    "Sheikh", "General", "Gen.", "Representative", "Trade Representative", "Commerce Secretary",
    "Treasury Secretary", "Chief Cabinet Secretary", "Cabinet Secretary", "leader", "Vice Premier",
    "Vice Foreign Minister", "Deputy Prime Minister", "Crown Prince", "Governor", "Speaker",
)  # fmt: skip

#: Capitalised words that are never part of a name in these places.
NOT_NAME_WORDS_EN = frozenset(
    [
        "The",
        "A",
        "An",
        "On",
        "In",
        "At",
        "Of",
        "And",
        "But",
        "He",
        "She",
        "They",
        "It",
        "This",
        "That",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)

#: Small words inside a name (Faisal bin Farhan, Ursula von der Leyen).
NAME_PARTICLES = frozenset({"bin", "al", "de", "da", "dos", "du", "van", "von", "der", "le", "la", "di"})

#: Titles after which a Chinese or Japanese short form (王, 習) is a second reference: 王氏, 王外長.
SHORT_TITLES = (
    "氏", "さん", "外相", "外務大臣", "外交部長", "外交部长", "部長", "部长", "外長", "外长",
    "主席", "国家主席",
    "國家主席", "大統領", "總統", "总统", "首相", "総理", "總理", "总理", "大使", "長官", "书记",
    "書記", "先生", "女士",
    "委員", "委员", "国務委員", "國務委員", "国务委员", "報道官", "发言人", "發言人",
)  # fmt: skip

#: Titles an alias must not end with: the matcher leaves titles out of a mention.
TITLE_SUFFIXES = ("氏", "外相", "書記", "主席", "大統領", "首相", "大使", "事務総長", "長官", "外務大臣", "総理")
