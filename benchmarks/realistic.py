"""The benchmark's corpus, shaped like the news analysts paste: the analysers at work.

``make bench`` measured, until issue 29, a book whose names were registry aliases
followed by a particle: no name ever touched a title, so Sudachi and jieba never
woke, and no article named anyone the registry lacked.  Real briefings differ;
this corpus has what they have, deterministically (the same N and seed give the
same files):

* four languages, as a book collects them: Japanese (about 55%), simplified
  Chinese (15%), traditional Chinese (10%), English (20%);
* a registry of states (with their two-state words, 中ロ, 米中), forums with
  abbreviations, and people: foreign names in katakana, Latin letters and Chinese
  transliteration (カロミ・テサノフ / Karomi Tesanov / 卡罗米·特萨诺夫), Chinese
  names (王文平 / Wang Wenping), Japanese names; each with titles and a second
  reference (テサノフ氏, Tesanov, 王);
* names written as the outlets write them: before a title (テサノフ外相,
  王文平外交部長), after a title and a state (美国国务卿…, Foreign Minister …),
  second references, people the registry lacks (the candidates page's work);
* the page's furniture of each outlet's shape: datelines (【北京共同】, 新华社北京
  3月5日电, （中央社記者…電）, ``BEIJING, March 5 (Xinhua) --``), date lines, captions
  with credits, a source line, takeaway lists, now and then a Q&A transcript.

Dates are in the text, as outlets write them (no sidecar): the reader must find them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import opencc
import yaml

# (id, ja, en, zh) of states; the first four get the two-state words real registries list.
STATES = [
    ("china", "中国", "China", "中国"),
    ("united-states", "米国", "United States", "美国"),
    ("russia", "ロシア", "Russia", "俄罗斯"),
    ("japan", "日本", "Japan", "日本"),
    ("south-korea", "韓国", "South Korea", "韩国"),
    ("india", "インド", "India", "印度"),
    ("brazil", "ブラジル", "Brazil", "巴西"),
    ("france", "フランス", "France", "法国"),
    ("germany", "ドイツ", "Germany", "德国"),
    ("united-kingdom", "英国", "United Kingdom", "英国"),
    ("indonesia", "インドネシア", "Indonesia", "印度尼西亚"),
    ("vietnam", "ベトナム", "Vietnam", "越南"),
    ("philippines", "フィリピン", "Philippines", "菲律宾"),
    ("australia", "オーストラリア", "Australia", "澳大利亚"),
    ("iran", "イラン", "Iran", "伊朗"),
    ("south-africa", "南アフリカ", "South Africa", "南非"),
    ("saudi-arabia", "サウジアラビア", "Saudi Arabia", "沙特阿拉伯"),
    ("ukraine", "ウクライナ", "Ukraine", "乌克兰"),
    ("pakistan", "パキスタン", "Pakistan", "巴基斯坦"),
    ("kazakhstan", "カザフスタン", "Kazakhstan", "哈萨克斯坦"),
    ("mexico", "メキシコ", "Mexico", "墨西哥"),
    ("canada", "カナダ", "Canada", "加拿大"),
    ("egypt", "エジプト", "Egypt", "埃及"),
    ("malaysia", "マレーシア", "Malaysia", "马来西亚"),
    ("singapore", "シンガポール", "Singapore", "新加坡"),
    ("north-korea", "北朝鮮", "North Korea", "朝鲜"),
]
PAIRS = {"china": (["中ロ", "米中", "日中"], ["中俄", "中美", "美中", "中日"]), "russia": (["中ロ", "米ロ"], ["中俄"])}
PAIRS |= {"united-states": (["米中", "米ロ", "日米"], ["中美", "美中"]), "japan": (["日中", "日米"], ["中日"])}
PAIRS_JA = ["中ロ", "米中", "日中", "日米"]
# (id, ja, en, zh, abbreviation or "")
FORUMS = [
    ("un", "国連", "United Nations", "联合国", "UN"),
    ("g20", "主要20カ国・地域", "Group of Twenty", "二十国集团", "G20"),
    ("apec", "アジア太平洋経済協力会議", "Asia-Pacific Economic Cooperation", "亚太经合组织", "APEC"),
    ("sco", "上海協力機構", "Shanghai Cooperation Organisation", "上海合作组织", "SCO"),
    ("brics", "新興5カ国", "BRICS", "金砖国家", "BRICS"),
    ("asean", "東南アジア諸国連合", "Association of Southeast Asian Nations", "东南亚国家联盟", "ASEAN"),
    ("g7", "先進7カ国", "Group of Seven", "七国集团", "G7"),
    ("nato", "北大西洋条約機構", "North Atlantic Treaty Organization", "北大西洋公约组织", "NATO"),
    ("eu", "欧州連合", "European Union", "欧洲联盟", "EU"),
    ("wto", "世界貿易機関", "World Trade Organization", "世界贸易组织", "WTO"),
    ("imf", "国際通貨基金", "International Monetary Fund", "国际货币基金组织", "IMF"),
    ("who", "世界保健機関", "World Health Organization", "世界卫生组织", "WHO"),
]
# Syllables written three ways: Latin, katakana, Chinese transliteration.
SYLLABLES = [
    ("ka", "カ", "卡"),
    ("ro", "ロ", "罗"),
    ("mi", "ミ", "米"),
    ("te", "テ", "特"),
    ("sa", "サ", "萨"),
    ("no", "ノ", "诺"),
    ("vi", "ヴィ", "维"),
    ("ta", "タ", "塔"),
    ("li", "リ", "利"),
    ("na", "ナ", "纳"),
    ("mo", "モ", "莫"),
    ("ri", "リ", "里"),
    ("do", "ド", "多"),
    ("ba", "バ", "巴"),
    ("si", "シ", "西"),
    ("ko", "コ", "科"),
    ("le", "レ", "莱"),
    ("ma", "マ", "马"),
    ("go", "ゴ", "戈"),
    ("ni", "ニ", "尼"),
]
ENDINGS = [("v", "フ", "夫"), ("n", "ン", "恩"), ("s", "ス", "斯"), ("", "", "")]
# Characters written alike in Japanese and simplified Chinese, with their pinyin.
SURNAMES = [("王", "Wang"), ("李", "Li"), ("周", "Zhou"), ("林", "Lin"), ("高", "Gao"), ("朱", "Zhu"), ("胡", "Hu")]
SURNAMES += [("郭", "Guo"), ("何", "He"), ("宋", "Song"), ("唐", "Tang"), ("方", "Fang"), ("石", "Shi")]
GIVEN = [("文", "wen"), ("平", "ping"), ("明", "ming"), ("正", "zheng"), ("志", "zhi"), ("安", "an"), ("春", "chun")]
GIVEN += [("光", "guang"), ("永", "yong"), ("海", "hai"), ("立", "li"), ("民", "min"), ("成", "cheng"), ("和", "he")]
JA_FAMILY = [("岩田", "Iwata"), ("中西", "Nakanishi"), ("高木", "Takagi"), ("松井", "Matsui"), ("森本", "Morimoto")]
JA_GIVEN = [("健一", "Kenichi"), ("直人", "Naoto"), ("由美", "Yumi"), ("浩二", "Koji"), ("真理", "Mari")]
# (ja, en, zh) titles of an official.
TITLES = [
    ("外相", "Foreign Minister", "外长"),
    ("大統領", "President", "总统"),
    ("首相", "Prime Minister", "总理"),
    ("国防相", "Defence Minister", "国防部长"),
    ("副首相", "Deputy Prime Minister", "副总理"),
    ("報道官", "spokesperson", "发言人"),
    ("大使", "Ambassador", "大使"),
]
PLACES = [("北京", "BEIJING", "北京"), ("モスクワ", "MOSCOW", "莫斯科"), ("ワシントン", "WASHINGTON", "华盛顿")]
PLACES += [("ジャカルタ", "JAKARTA", "雅加达"), ("ニューデリー", "NEW DELHI", "新德里"), ("東京", "TOKYO", "东京")]
JA_TOPICS = ["経済協力", "安全保障", "気候変動対策", "エネルギー供給", "サプライチェーン", "地域情勢", "海洋秩序"]
ZH_TOPICS = ["经贸合作", "安全问题", "气候变化", "能源供应", "供应链", "地区局势", "海上合作"]
EN_TOPICS = ["trade", "security", "climate change", "energy supply", "supply chains", "the region", "maritime order"]


@dataclass(frozen=True)
class Person:
    id: str
    ja: str
    en: str
    zh: str
    family: tuple[str, str, str]  # the second reference: ja, en, zh
    title: int  # index into TITLES
    state: int  # index into STATES


def _foreign(rng: random.Random) -> tuple[str, str, str, tuple[str, str, str]]:
    def word(parts: int) -> tuple[str, str, str]:
        picks = [rng.choice(SYLLABLES) for _ in range(parts)] + [rng.choice(ENDINGS)]
        latin = "".join(p[0] for p in picks)
        return latin.capitalize(), "".join(p[1] for p in picks), "".join(p[2] for p in picks)

    given, family = word(rng.randint(2, 3)), word(rng.randint(2, 3))
    return (f"{given[1]}・{family[1]}", f"{given[0]} {family[0]}", f"{given[2]}·{family[2]}", family[1:] + family[:1])


def people(count: int, rng: random.Random, prefix: str) -> list[Person]:
    """``count`` distinct people: two thirds foreign names, a quarter Chinese, the rest Japanese."""
    out: list[Person] = []
    seen: set[str] = set()
    while len(out) < count:
        kind = rng.random()
        if kind < 0.62:
            ja, en, zh, (fja, fzh, fen) = _foreign(rng)
            family = (fja, fen, fzh)
            state = rng.randrange(4, len(STATES))
        elif kind < 0.88:
            (s, sp), given = rng.choice(SURNAMES), [rng.choice(GIVEN) for _ in range(rng.randint(1, 2))]
            ja = zh = s + "".join(c for c, _p in given)
            en = f"{sp} {''.join(p for _c, p in given).capitalize()}"
            family, state = (s, sp, s), 0
        else:
            (f, fr), (g, gr) = rng.choice(JA_FAMILY), rng.choice(JA_GIVEN)
            ja, en, zh, family, state = f + g, f"{gr} {fr}", f + g, (f, fr, f), 3
        if ja in seen or len(ja) < 3:
            continue
        seen.add(ja)
        out.append(Person(f"{prefix}-{len(out):04d}", ja, en, zh, family, rng.randrange(len(TITLES)), state))
    return out


def write_registry(folder: Path, entities: int, seed: int = 7) -> tuple[list[Person], list[Person]]:
    """States, forums and people (``entities`` in all); returns (the registry's people, people it lacks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    known = people(max(1, entities - len(STATES) - len(FORUMS)), rng, "person")
    unknown = people(max(20, entities // 5), rng, "unknown")
    names = {p.ja for p in known}
    unknown = [p for p in unknown if p.ja not in names]
    rows: list[dict[str, object]] = []
    for sid, ja, en, zh in STATES:
        ja_pairs, zh_pairs = PAIRS.get(sid, ([], []))
        row: dict[str, object] = {"id": sid, "kind": "actor", "type": "state", "name": {"ja": ja, "en": en, "zh": zh}}
        row["aliases"] = {"ja": [ja, *ja_pairs], "en": [en], "zh": [zh, *zh_pairs]}
        if ja_pairs or zh_pairs:
            row["shared_aliases"] = ja_pairs + zh_pairs
        rows.append(row)
    for fid, ja, en, zh, abbr in FORUMS:
        row = {"id": fid, "kind": "forum", "name": {"ja": ja, "en": en, "zh": zh}, "abbreviations": [abbr]}
        row["aliases"] = {"ja": [ja, abbr], "en": [en, abbr], "zh": [zh]}
        rows.append(row)
    for p in known:
        t = TITLES[p.title]
        row = {"id": p.id, "kind": "actor", "type": "person", "name": {"ja": p.ja, "en": p.en, "zh": p.zh}}
        row["aliases"] = {"ja": [p.ja], "en": [p.en], "zh": [p.zh]}
        row["second_references"] = {"ja": [p.family[0]], "en": [p.family[1]], "zh": [p.family[2]]}
        row["titles"] = {"ja": [t[0]], "en": [t[1]]}
        row["country"] = STATES[p.state][0]
        rows.append(row)
    kinds = {"actor": {"name": {"ja": "アクター", "en": "Actors"}, "types": ["person", "state", "organization"]}}
    kinds["forum"] = {"name": {"ja": "フォーラム", "en": "Forums"}}
    (folder / "kinds.yaml").write_text(yaml.safe_dump({"kinds": kinds}, allow_unicode=True), "utf-8")
    (folder / "entities.yaml").write_text(yaml.safe_dump({"entities": rows}, allow_unicode=True), "utf-8")
    return known, unknown


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """One article's sentences, naming its cast as the outlets write names."""

    def __init__(self, rng: random.Random, cast: list[Person], strangers: list[Person], forum: int) -> None:
        self.rng, self.cast, self.strangers, self.forum = rng, cast, strangers, FORUMS[forum]

    def pick(self) -> Person:
        return self.rng.choice(self.cast)

    # Japanese: 「ロシアのテサノフ外相」, 「テサノフ氏」, 「中ロ」
    def ja_full(self, p: Person) -> str:
        return f"{STATES[p.state][1]}の{p.ja}{TITLES[p.title][0]}"

    def ja_sentence(self) -> str:
        r, a, b = self.rng, self.pick(), self.pick()
        topic = r.choice(JA_TOPICS)
        shapes = [
            f"{self.ja_full(a)}は{r.randint(1, 28)}日、{self.ja_full(b)}と会談し、{topic}で協力を確認した。",
            f"{a.family[0]}氏は「{topic}をめぐる対話を続ける」と述べ、{b.ja}{TITLES[b.title][0]}も同調した。",
            f"{self.forum[1]}（{self.forum[4]}）の会合では{topic}が焦点となり、{a.family[0]}氏が議論を主導した。",
            f"{r.choice(PAIRS_JA)}関係について、{a.ja}{TITLES[a.title][0]}は慎重な見方を示した。",
            f"会合には{self.ja_full(r.choice(self.strangers))}も出席し、{topic}について発言した。",
            f"関係者によると、{b.family[0]}氏は近く{STATES[r.randrange(len(STATES))][1]}を訪問する予定だ。",
        ]
        return r.choice(shapes)

    # Chinese: 「俄罗斯外长特萨诺夫」, 「中美关系」, 新华社's dateline
    def zh_full(self, p: Person) -> str:
        return f"{STATES[p.state][3]}{TITLES[p.title][2]}{p.zh}"

    def zh_sentence(self) -> str:
        r, a, b = self.rng, self.pick(), self.pick()
        topic = r.choice(ZH_TOPICS)
        shapes = [
            f"{self.zh_full(a)}{r.randint(1, 28)}日同{self.zh_full(b)}举行会谈，双方就{topic}交换意见。",
            f"{a.zh}表示，{STATES[a.state][3]}愿同各方加强{topic}，推动{self.forum[3]}框架下的合作。",
            f"{r.choice(['中美', '中俄', '中日'])}关系是双方关注的重点，{b.zh}说，应当通过对话解决分歧。",
            f"{self.zh_full(r.choice(self.strangers))}也出席了会议，并就{topic}发表讲话。",
            f"分析人士认为，{self.forum[3]}在{topic}方面的作用正在上升，{a.family[2]}的表态值得关注。",
        ]
        return r.choice(shapes)

    # English: "Russian Foreign Minister Karomi Tesanov", "Tesanov said"
    def en_full(self, p: Person) -> str:
        return f"{STATES[p.state][2]}'s {TITLES[p.title][1]} {p.en}"

    def en_sentence(self) -> str:
        r, a, b = self.rng, self.pick(), self.pick()
        topic = r.choice(EN_TOPICS)
        shapes = [
            f"{self.en_full(a)} met {self.en_full(b)} on {topic}, the two sides said in statements.",
            f'"We will keep talking," {a.family[1]} said, adding that {self.forum[4]} had a role to play on {topic}.',
            f"{_cap(TITLES[b.title][1])} {b.en} told reporters that {topic} would top the agenda.",
            f"{self.en_full(r.choice(self.strangers))} also attended and spoke on {topic}.",
            f"Analysts said the {self.forum[2]} meeting showed how far {STATES[a.state][2]} had moved on {topic}.",
        ]
        return r.choice(shapes)


def _ja(w: _Writer, date: dt.datetime, n: int) -> list[str]:
    r, place = w.rng, w.rng.choice(PLACES)
    lead_p = w.pick()
    lines = [f"{w.ja_full(lead_p)}、{w.forum[1]}で{r.choice(JA_TOPICS)}協議（{n}）"]
    lines.append(f"{date.year}年{date.month}月{date.day}日 {date.hour}時{date.minute:02d}分")
    lines.append(f"【{place[0]}共同】" + "".join(w.ja_sentence() for _ in range(2)))
    lines.append(f"会談に臨む{lead_p.ja}{TITLES[lead_p.title][0]}（左）＝{date.day}日、{place[0]}（共同）")
    for _ in range(r.randint(2, 4)):
        lines.append(f"■{r.choice(JA_TOPICS)}をめぐる動き")
        lines += ["".join(w.ja_sentence() for _ in range(r.randint(2, 4))) for _ in range(r.randint(1, 3))]
    if r.random() < 0.2:  # a press conference's record
        lines.append("【質疑応答】")
        for _ in range(r.randint(2, 3)):
            lines += [f"問：{w.pick().family[0]}氏の発言をどう受け止めるか。", f"答：{w.ja_sentence()}"]
    lines.append("ポイント")
    lines += [f"・{w.ja_sentence()}" for _ in range(3)]
    return lines


def _zh(w: _Writer, date: dt.datetime, n: int) -> list[str]:
    r, place = w.rng, w.rng.choice(PLACES)
    lines = [f"{w.zh_full(w.pick())}出席{w.forum[3]}会议 （{n}）"]
    lines.append(f"{date:%Y-%m-%d %H:%M:%S} 来源：新华网")
    lines.append(f"新华社{place[2]}{date.month}月{date.day}日电（记者 {r.choice(SURNAMES)[0]}明）" + w.zh_sentence())
    lines += ["".join(w.zh_sentence() for _ in range(r.randint(2, 4))) for _ in range(r.randint(3, 6))]
    lines.append(f"图为{w.pick().zh}在会上讲话。新华社记者 {r.choice(SURNAMES)[0]}文 摄")
    if r.random() < 0.2:  # the ministry's press conference
        for _ in range(r.randint(2, 3)):
            lines += [f"记者：{w.zh_sentence()}", f"发言人：{w.zh_sentence()}"]
    lines.append("[责任编辑：" + r.choice(SURNAMES)[0] + "平]")
    return lines


def _zh_hant(w: _Writer, date: dt.datetime, n: int) -> list[str]:
    r, place = w.rng, w.rng.choice(PLACES)
    lines = [f"{w.zh_full(w.pick())}談{r.choice(ZH_TOPICS)} {w.forum[4]}議題受矚目（{n}）"]
    lines.append(f"{date:%Y/%m/%d %H:%M}")
    lines.append(f"（中央社記者{r.choice(SURNAMES)[0]}明{place[2]}{date.day}日電）" + w.zh_sentence())
    lines += ["".join(w.zh_sentence() for _ in range(r.randint(2, 4))) for _ in range(r.randint(3, 5))]
    lines.append(f"{w.pick().zh}。（路透社）")
    lines.append(f"（編輯：{r.choice(SURNAMES)[0]}平）{date:%Y%m%d}")
    convert = opencc.OpenCC("s2tw").convert
    return [str(convert(line)) for line in lines]


def _en(w: _Writer, date: dt.datetime, n: int) -> list[str]:
    r, place = w.rng, w.rng.choice(PLACES)
    lead_p = w.pick()
    lines = [f"{w.forum[4]} talks: {lead_p.en} calls for progress on {r.choice(EN_TOPICS)} ({n})"]
    lines.append(f"Updated: {date:%B} {date.day}, {date.year} {date:%H:%M}")
    lines.append(f"{place[1]}, {date:%B} {date.day} (Xinhua) -- " + " ".join(w.en_sentence() for _ in range(2)))
    lines.append(f"{_cap(TITLES[lead_p.title][1])} {lead_p.en} speaks in {place[1].title()}. (Xinhua/Li Ming)")
    for _ in range(r.randint(2, 4)):
        if r.random() < 0.5:
            lines.append(f"{r.choice(EN_TOPICS).capitalize()} on the table")
        lines += [" ".join(w.en_sentence() for _ in range(r.randint(2, 4))) for _ in range(r.randint(1, 3))]
    if r.random() < 0.3:
        lines.append("Here are the key takeaways:")
        lines += [f"- {w.en_sentence()}" for _ in range(3)]
    return lines


LANGUAGES = [(_ja, 0.55), (_zh, 0.15), (_zh_hant, 0.10), (_en, 0.20)]


def seed_text(n: int, known: list[Person], strangers: list[Person], rng: random.Random, date: dt.datetime) -> str:
    """One briefing of a cast of a dozen or so, the well-known named more often (a mild Zipf law)."""
    weights = [1 / (rank + 10) for rank in range(len(known))]
    cast: list[Person] = []
    while len(cast) < min(12, len(known)):
        pick = rng.choices(known, weights)[0]
        if pick not in cast:
            cast.append(pick)
    writer = _Writer(rng, cast, rng.sample(strangers, min(3, len(strangers))), rng.randrange(len(FORUMS)))
    shape = rng.choices([f for f, _w in LANGUAGES], [w for _f, w in LANGUAGES])[0]
    return "\n".join(shape(writer, date, n)) + "\n"


def write_seeds(
    folder: Path, count: int, known: list[Person], strangers: list[Person], seed: int = 11, start: int = 0
) -> list[Path]:
    """``count`` seeds dated in their text over three years, newest last."""
    rng = random.Random(seed + start)
    folder.mkdir(parents=True, exist_ok=True)
    first = dt.datetime(2023, 1, 1, 9, 0)
    written = []
    for n in range(start, start + count):
        date = first + dt.timedelta(days=(n * 1095) // max(1, count + start), minutes=rng.randrange(600))
        path = folder / f"b{n:05d}.txt"
        path.write_text(seed_text(n, known, strangers, rng, date), "utf-8")
        written.append(path)
    return written
