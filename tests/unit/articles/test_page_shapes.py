"""Small cases of the shapes real pages take (census, tests/fixtures/census.md): one rule each."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

from briefing.articles import captions, datelines, sentences
from briefing.articles.parse import parse_seed


def roles(text: str) -> list[str]:
    """The role of each non-blank line, in order."""
    return [r.role for r in parse_seed(text).roles]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("President Ferdinand Marcos Jr. and Mr. Albanese on Feb. 19, 2026. (Photo courtesy of X)", 1),
        ("He left. She stayed. They met.", 2),  # the last full stop ends the line: not "inside" it
        ("George W. Bush spoke in St. Louis.", 0),
        ("双方同意。会谈结束。", 2),
    ],
)
def test_sentences_are_counted_past_abbreviations(text: str, ends: int) -> None:
    assert sentences.sentence_ends(text) == ends


@pytest.mark.parametrize(
    "caption",
    [
        "Leaders pose for photographers before their meeting in Kuala Lumpur on Oct. 27, 2025. | PHOTO: PCO",
        "Vietnam's leader welcomes China's president in Hanoi. Photo: Reuters",
        "Foreign ministers link hands at the start of the retreat. PHOTO: ORGANISING COMMITTEE",
        "Common ground: the prime minister at the forum in Kuala Lumpur. — NORAZLAN ISMAIL/The Star",
        "(From left) Foreign ministers link hands at the retreat",
        "A file photo of the prime minister with the president",
        "DFA Photos",
        "美國國務卿與日本外長在紐約會晤。(視頻截圖)",
        "東協外長十日在吉隆坡會後合影。（法新社）",
    ],
)
def test_captions_and_credits_of_the_census_are_captions(caption: str) -> None:
    assert captions.is_caption(caption)


@pytest.mark.parametrize(
    "prose",
    [
        "議長を務めた国の閣僚は記者団に対し「失望したが、対話の扉は閉ざされていない」と述べ、来年の閣僚会議までに打開策を探る考えを示した。（共同通信）",
        "サミットは23日まで。次回の議長国は米国が務める。(c)AFP",
    ],
)
def test_a_paragraph_its_outlet_closes_is_no_caption(prose: str) -> None:
    assert not captions.is_caption(prose)
    assert datelines.outlet_closing("…考えを示した。（共同通信）") == "共同"


def test_a_photo_line_is_no_dateline_and_an_unspaced_dash_is_one() -> None:
    assert datelines.dateline("FILE PHOTO: The defence secretary speaks in Manila") is None
    found = datelines.dateline("CANBERRA, Australia—President Marcos and the prime minister met")
    assert found is not None and found.place == "CANBERRA"
    hk = datelines.dateline("香港新聞網3月8日電 (記者 林嘉欣)王毅8日表示")
    assert hk is not None and hk.agency == "香港新聞網"


def test_a_photo_caption_over_the_dateline_is_a_caption_and_the_dateline_opens_the_story() -> None:
    text = (
        "Leaders agree to step up coast guard talks\n\n"
        "The two leaders pose for photographers before their meeting in Kuala Lumpur on Oct. 27. | PHOTO: PCO\n\n"
        "KUALA LUMPUR, Malaysia — The two leaders agreed on Monday to expand talks between their coast guards.\n\n"
        "They met for about 40 minutes.\n"
    )
    assert roles(text) == ["title", "caption", "lead", "paragraph"]


def test_a_caption_over_the_first_paragraph_without_a_dateline() -> None:
    text = (
        "Modi to meet Brazil's president\n\n"
        "A file photo of the prime minister with the president in New Delhi\n\n"
        "The prime minister will hold a bilateral meeting with the president on the sidelines of the summit, "
        "officials said on Friday.\n\n"
        "Trade will be discussed.\n"
    )
    assert roles(text) == ["title", "caption", "lead", "paragraph"]


def test_a_quoted_lead_is_not_taken_for_a_caption() -> None:
    text = (
        "Review leaves questions\n\n"
        'A review published by central banks recommends that issuers hold reserves "at least equal to 100%".\n\n'
        "Social media reacted quickly to the review after it went online on Tuesday.\n"
    )
    assert roles(text)[1] == "lead"


def test_a_page_that_prints_its_whole_text_twice_keeps_it_as_prose() -> None:
    first = "MANILA — The president will welcome the foreign ministers in Cebu later this month, officials said."
    second = "The ministers are expected to discuss the situation in Myanmar and maritime security, officials said."
    third = "The Philippines last chaired the regional bloc in 2017, when it hosted the summit."
    text = f"Marcos to host ministers\n\n{first}\n{first}\n{second}\n{second}\n{third}\n{third}\n"
    assert roles(text) == ["title", "lead", *["paragraph"] * 5]


def test_a_byline_name_over_its_publisher_is_a_byline_and_no_source() -> None:
    text = (
        "Marcos to host ministers\nAna Dizon,\nABS-CBN News\n"
        "MANILA — The president will welcome the foreign ministers in Cebu later this month.\n"
    )
    article = parse_seed(text)
    assert [r.role for r in article.roles] == ["title", "byline", "byline", "lead"]
    assert article.source_fact is None


def test_bullets_after_the_last_sentence_of_a_pasted_page_are_other_articles() -> None:
    text = (
        "Share\nChina, EU hold strategic dialogue\n"
        "BRUSSELS - China and the European Union held a round of strategic dialogue on Wednesday.\n"
        "EU officials said the talks were frank.\n"
        "- Shanghai expo draws record number of foreign exhibitors\n"
        "- Chinese, French foreign ministers discuss preparations for leaders' summit\n"
        "Most Viewed in 24 Hours\n"
    )
    assert roles(text)[4:6] == ["furniture", "furniture"]


def test_bullets_the_last_sentence_introduces_stay_a_list() -> None:
    text = (
        "Share\nWhat the summit agreed\n"
        "BRUSSELS - Leaders met on Wednesday.\n"
        "They agreed on the following:\n"
        "- a ceasefire\n"
        "- more aid\n"
    )
    assert roles(text)[4:] == ["item", "item"]


def test_a_speakers_name_over_a_quotation_is_no_heading() -> None:
    text = "官房長官が発表\n\n官房長官は午前の会見で発表しました。\n\n官房長官\n「大切なパートナーです」\n\n会見は午前に開かれました。\n"
    assert roles(text)[2] == "paragraph"


def test_a_kicker_over_the_date_is_a_label_and_a_box_title_over_furniture_is_furniture() -> None:
    text = "新西蘭總理下周訪華\n大國外交\n更新時間：15:24 2025-11-27 HKT\n外交部周四公布，新西蘭總理將正式訪華。\n"
    assert roles(text)[:3] == ["title", "label", "meta"]
    text = "王毅晤新加坡外長\n2025年11月03日 17:45\n東網電視\n更多新聞短片\n王毅周一在北京會見新加坡外長，表示願深化合作。\n"
    assert roles(text)[2:] == ["furniture", "furniture", "lead"]


def test_a_teaser_list_over_the_title_is_the_pages() -> None:
    text = (
        "要闻\n安华：东盟须保持中立\n2025年05月27日\n要闻\n下周访印尼两天 安华将举行年度磋商\n2025年06月20日\n"
        "(吉隆坡20日讯)首相将于下周一起对印尼展开为期两天的工作访问。\n"
    )
    assert roles(text)[4] == "title"


def test_a_title_with_its_date_after_it_is_the_title_and_a_turn_is_never_one() -> None:
    text = "内閣官房長官記者会見　令和7年6月3日（火）午前\n（記者）調整状況について伺います。\n（官房長官）控えます。\n"
    assert roles(text) == ["title", "question", "answer"]
    text = "Briefing\nQ: Could you comment?\nA: No.\n"
    assert roles(text)[0] == "title"


def test_a_list_right_under_a_lead_that_names_points_is_the_takeaways() -> None:
    text = (
        "中國東盟發表聯合聲明\n"
        "香港新聞網10月27日電 第28次中國—東盟領導人會議27日舉行，會後雙方發表聯合聲明。聲明要點如下：\n"
        "①雙方同意爭取在2026年內達成準則。\n②自貿區升級議定書將於明年生效。\n"
    )
    article = parse_seed(text)
    assert article.lead is not None
    assert [t.text for t in article.takeaways] == [
        "雙方同意爭取在2026年內達成準則。",
        "自貿區升級議定書將於明年生效。",
    ]


def test_a_day_only_dateline_takes_its_month_from_the_date_line() -> None:
    text = (
        "安理會表決蘇丹停火決議\n2025/11/19 06:58\n（中央社紐約18日綜合外電報導）聯合國安全理事會今天表決一項決議。\n"
    )
    assert parse_seed(text).date_fact is not None
    assert parse_seed(text).date_fact.value == "2025-11-18"  # type: ignore[union-attr]
    text = "外交部：APEC互動良好\n(中央社台北5日電)外交部今天表示，互動良好。\n(編輯:陳俊華)1141105\n"
    assert parse_seed(text).date_fact.value == "2025-11-05"  # type: ignore[union-attr]


def test_a_date_above_the_title_is_the_pages_and_the_one_under_it_the_articles() -> None:
    text = "2025年11月3日(月)\nAPEC首脳会議、自由貿易で結束\n2025/11/2 6:50\n首脳宣言を採択した。\n"
    assert parse_seed(text).date_fact.value == "2025-11-02"  # type: ignore[union-attr]
    text = "外交部公署晤總領事\n20251105\n特派員今日接受到任拜會。\n"
    assert [r.role for r in parse_seed(text).roles][1] == "meta"


def test_an_outlet_and_its_date_under_the_title_stamp_it() -> None:
    text = (
        "古いバージョンのブラウザーを使用しています。\n日中韓外相が会談、首脳会議の早期開催で一致\n"
        "AFPBB News のロゴAFPBB News 2026/03/22\n【AFP=時事】日本、中国、韓国の外相は21日、東京で会談した。\n"
    )
    article = parse_seed(text)
    assert article.title == "日中韓外相が会談、首脳会議の早期開催で一致"
    assert article.date_fact is not None and article.date_fact.value == "2026-03-22"


@pytest.mark.parametrize(
    ("lines", "source"),
    [
        ("Leaders agree\n• Jiji\nThe leaders agreed on Tuesday to keep up visits.\n", "Jiji"),
        ("Lai names envoy\nStaff writer, with CNA\nThe president named an envoy yesterday.\n", "CNA"),
        (
            "韓日外相が会談へ\n外交部は会談を調整している。\n両外相は会う。\nCopyrights(C) News1 wowkorea.jp 3\n",
            "News1",
        ),
        ("外相が会談\n外相は会談した。\n両氏は一致した。\n[時事通信社]\n", "時事通信社"),
        ("日中韓外相が会談\n【AFP=時事】日本、中国、韓国の外相は21日、会談した。\n", "AFP=時事"),
        ("東盟峰會開幕\n中新社吉隆坡10月26日電 題：東盟迎來第11個成員\n峰會26日開幕。\n", "中新社"),
    ],
)
def test_the_source_a_page_names_in_its_own_shape(lines: str, source: str) -> None:
    fact = parse_seed(lines).source_fact
    assert fact is not None and fact.value == source


def test_a_column_of_single_words_on_a_pasted_page_is_its_tags() -> None:
    text = (
        "分享\n安华黄循财通电话\n发布: 9:15pm 18/06/2025\n安华\n黄循财\n新柔经济特区\n"
        "(吉隆坡18日讯)首相今日与新加坡总理通电话，双方同意加快落实经济特区。\n"
        "两国领导人也讨论了东盟的应对方案。\n"
    )
    assert roles(text)[3:6] == ["tags", "tags", "tags"]
    listed = "分享\n出席者名单\n会议出席者如下：\n安华\n黄循财\n王毅\n会议在吉隆坡举行。\n双方同意合作。\n"
    assert "tags" not in roles(listed)  # a colon line above them: the article's own list


def test_a_photos_text_then_the_same_with_its_credit_are_both_the_caption() -> None:
    text = (
        "默茨出席G20峰會\n2025年11月22日\n峰會在約翰尼斯堡登場。默茨呼籲各國抵制保護主義。\n"
        "德國總理默茨抵達峰會會場\n德國總理默茨抵達峰會會場圖片來源: Kay Nietfeld/dpa\n"
        "默茨週六在峰會上發言。\n"
    )
    assert roles(text)[3:5] == ["caption", "caption"]


def test_office_labels_standing_alone_open_the_turns_of_a_talk() -> None:
    text = "首脳会談\n首相は会談した。\n首相:\nパートナーです。\nインドネシア大統領:\n協力を深めたい。\n"
    assert roles(text)[2:] == ["answer", "paragraph", "answer", "paragraph"]


def test_summary_bullets_above_the_lead_are_the_first_takeaways_numbered_with_the_rest() -> None:
    text = (
        "UK foreign secretary to visit Indonesia\n"
        "• First visit by a UK foreign secretary to Jakarta in three years\n"
        "• Talks to cover critical minerals and energy transition finance\n"
        "LONDON, June 3 (Reuters) - Britain's foreign secretary will travel to Indonesia next week.\n"
        "The ministers will discuss:\n"
        "- minerals\n"
        "- finance\n"
    )
    article = parse_seed(text)
    assert [t.number for t in article.takeaways] == [1, 2, 3, 4]
    assert len({t.number for t in article.takeaways}) == len(article.takeaways)


@pytest.mark.parametrize(
    "sentence",
    ["Here are the key takeaways from the retreat.", "The following are the highlights of the press conference."],
)
def test_a_sentence_that_announces_takeaways_makes_the_headings_under_it_takeaways(sentence: str) -> None:
    text = (
        f"Ministers end retreat\nCEBU - Ministers wrapped up a retreat on Friday.\n{sentence}\n"
        "Myanmar back at the centre\nMinisters agreed on an envoy.\n"
        "A deadline for the sea code\nThe chair wants talks concluded.\n"
    )
    assert [t.text for t in parse_seed(text).takeaways] == ["Myanmar back at the centre", "A deadline for the sea code"]


def test_bulleted_buttons_and_a_gallerys_numbered_photos_are_no_takeaways() -> None:
    text = (
        "Foreign ministers meet\n• 大字\n• 中字\n• 小字\n"
        "• Japan-Indonesia Foreign Ministers' Meeting1\n• Japan-Indonesia Foreign Ministers' Meeting2\n"
        "The foreign ministers met in Tokyo on Friday and agreed to deepen maritime cooperation.\n"
    )
    article = parse_seed(text)
    assert article.takeaways == ()
    assert [r.role for r in article.roles][1:6] == ["furniture"] * 3 + ["caption"] * 2


def test_unbulleted_points_under_a_line_that_names_them_are_its_takeaways() -> None:
    text = (
        "露外相が年頭会見\n1/14(水) 22:53\nロシアの外相は14日に開いた恒例の年頭会見で、日本との関係に触れた。\n"
        "ココがポイント\n協議の場はほとんど残っていないと指摘\n出典:共同通信 1/14(水)\n"
        "常任理事国入りへの支持は示さず\n出典:産経新聞 1/14(水)\n"
    )
    article = parse_seed(text)
    assert [r.role for r in article.roles][1] == "meta"
    assert [t.text for t in article.takeaways] == [
        "協議の場はほとんど残っていないと指摘",
        "常任理事国入りへの支持は示さず",
    ]
    text = "本港推動物流發展\n政府今日公布計劃。\n計劃主要有以下幾點：\n擴建貨櫃碼頭\n發展智慧物流\n培訓業界人才\n"
    assert [t.text for t in parse_seed(text).takeaways] == ["擴建貨櫃碼頭", "發展智慧物流", "培訓業界人才"]


def test_a_colon_line_over_prose_is_the_lead_and_a_crumb_ending_with_the_title_is_furniture() -> None:
    text = (
        "Regular Press Conference on March 12, 2025\n2025-03-12 22:41\n"
        "The spokesperson started the press conference with the following announcements:\n"
        "At the invitation of the government, the vice premier will visit next week.\n"
    )
    assert [r.role for r in parse_seed(text).roles][2] == "lead"
    text = (
        "Secretary Rubio's Call with Indonesian Foreign Minister Sugiono\n03/05/2026 04:12 PM EST\n"
        "HomeOffice of the SpokespersonPress Releases…Secretary Rubio's Call with Indonesian Foreign Minister Sugiono\n"
        "Readout\nMarch 5, 2026\nSecretary of State Marco Rubio spoke today with Indonesia's foreign minister.\n"
    )
    assert [r.role for r in parse_seed(text).roles][2:] == ["furniture", "label", "meta", "lead"]


def test_a_briefings_title_byline_topics_and_a_digests_headlines() -> None:
    text = (
        "Department Press Briefing – February 10, 2026\nTommy Pigott, Principal Deputy Spokesperson\n"
        "February 10, 2026\n~ PHILIPPINES ~\n~ CHINA ~\n"
        "MR PIGOTT: Good afternoon, everyone.\nQUESTION: Thank you.\nMR PIGOTT: Sure.\n"
    )
    article = parse_seed(text)
    assert [r.role for r in article.roles][:5] == ["title", "byline", "meta", "item", "item"]
    assert article.takeaways == ()
    digest = (
        "Kyodo News Digest: Feb. 6, 2026\nBelow are summaries of selected stories from Kyodo News.\n"
        'China urges Japan to "correct" Taiwan remarks ahead of vice ministerial talks in Beijing\n'
        "BEIJING - China's Foreign Ministry on Friday urged Japan to retract remarks.\n"
    )
    assert [r.role for r in parse_seed(digest).roles][2] == "heading"


def test_closing_lines_of_the_census() -> None:
    text = (
        "Leaders meet\nKUALA LUMPUR, Malaysia — The leaders met on Monday.\nThey agreed to talk.\n"
        "RELATED STORIES:\nMarcos flies to Kuala Lumpur\nJPV / gsg\n"
    )
    assert [r.role for r in parse_seed(text).roles][-1] == "editor"
    text = "外相が会談\n外相は会談した。\n両氏は一致した。\n    2026年02月13日 Copyright © The Yomiuri Shimbun\n"
    article = parse_seed(text)
    assert article.date_fact is not None and article.date_fact.value == "2026-02-13"
    text = "Envoy named\nThe president named an envoy yesterday.\nHe will attend.\n[FULL  STORY]\n"
    assert [r.role for r in parse_seed(text).roles][-1] == "furniture"
    text = "日中外相会談\n双方は会談した。\n 双方はまた、情勢についても意見を交わしました。（藍、浅野）\n会談は1時間に及んだ。\n"
    assert "heading" not in [r.role for r in parse_seed(text).roles]


def test_prefectures_press_conference_records_have_turns() -> None:
    marked = (
        "令和7年12月9日 知事記者会見\n○広報課長 それでは、定例記者会見を始めます。\n○知事 よろしくお願いします。\n"
        "○記者 渡航自粛の影響はありますか。\n○知事 影響が出ていると受け止めています。\n"
    )
    article = parse_seed(marked)
    assert [r.role for r in article.roles][1:] == ["answer", "answer", "question", "answer"]
    bare = (
        "新潟県知事 定例記者会見\nQ 代表幹事(新潟日報)\n影響はありますか。\nA 知事\n聞き取りをしています。\n"
        "Q BSN\n運休が発表されました。\nA 知事\n大変残念に思っています。\n"
    )
    assert [r.role for r in parse_seed(bare).roles][1:5] == ["question", "paragraph", "answer", "paragraph"]
    assert [r.role for r in parse_seed("Trade talks\nA Glance at the week\nThe talks went on.\n").roles][1] != "answer"


def test_a_sites_name_over_its_menus_is_not_the_title() -> None:
    text = (
        "岐阜新聞Web\nニュース　スポーツ　くらし　おでかけ　会員登録\n"
        "日中局長協議、北京で3カ月ぶり　渡航自粛の解除求める\n2025年12月08日 19:12\n"
        "【北京共同】外務省の局長は8日、北京で中国外務省の局長と協議した。\n"
    )
    assert [r.role for r in parse_seed(text).roles][:4] == ["furniture", "furniture", "title", "meta"]


def test_a_broadcast_transcript_and_an_explainers_questions() -> None:
    text = (
        "Interview With South Korean Foreign Minister\nAired March 6, 2025 - 13:00   ET\n"
        "[13:00:14] RACHEL VOSS, CNN ANCHOR: North Korea fired two missiles today.\n(BEGIN VIDEO CLIP)\n"
        "VOSS: Joining me now is the foreign minister.\nHAN SEO-YEON, SOUTH KOREAN FOREIGN MINISTER: Thank you.\n"
        "VOSS: What next?\nHAN: We keep the door open.\n"
    )
    roles = [r.role for r in parse_seed(text).roles]
    assert roles[2:] == ["question", "paragraph", "question", "answer", "question", "answer"]
    explainer = (
        "What Europe's ministers got\nThe visit ended on Wednesday.\nWhy did they go together?\n"
        "Travelling as a trio was meant to help.\nWhat happens next?\nA summit is pencilled in for July.\n"
    )
    assert [r.role for r in parse_seed(explainer).roles][2:] == ["heading", "paragraph", "heading", "paragraph"]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Takashi Mori/AFP via Getty Images", "caption"),
        ("TBS Report", "byline"),
        ("Rahul Menon is a senior reporter covering diplomacy.", "byline"),
        ("作者：林佳慧", "byline"),
        ("From CNN's Priya Raman in New Delhi", "byline"),
        ("This article has been updated.", "footnote"),
        ("- Advertisement -", "furniture"),
        ("Skip to main contentSkip to navigation", "furniture"),
        ("…【全文を読む】", "furniture"),
        ("《 光明日报 》（ 2025年05月21日   12 版）", "meta"),
        ("Thu 10 Apr 2025 06.30 BST", "meta"),
        ("114年12月12日", "meta"),
    ],
)
def test_lines_of_the_shapes_written_the_held_out_way(line: str, role: str) -> None:
    text = f"Pacific foreign ministers agree to new undersea cable funding at their Suva meeting\n{line}\nThe ministers met on Tuesday and agreed to talk again next month.\nThey said so.\n"
    assert [r.role for r in parse_seed(text).roles][1] == role


def test_a_site_menu_in_bullets_over_the_title_and_slash_tags_after_the_article() -> None:
    text = (
        "• An Giang\n• Bac Giang\n• Binh Dinh\n"
        "Viet Nam, Australia agree to lift two-way trade\nMarch 19, 2025 9:40 PM GMT+7\n"
        "The ministers agreed on Wednesday to lift two-way trade.\nThey met in Ha Noi.\n"
        "Share\nBangladesh / China / Teesta River / Foreign Ministry\n"
    )
    roles = [r.role for r in parse_seed(text).roles]
    assert roles[:5] == ["furniture", "furniture", "furniture", "title", "meta"]
    assert roles[-1] == "tags"


def test_a_numbered_sequence_with_answers_between_is_one_list_and_the_host_asks() -> None:
    text = (
        "外长答中外记者问\n"
        "1. 中央广播电视总台记者提问，今年中国外交的重点是什么？\n外长说，重点是稳定。\n"
        "2. 路透社记者提问，中美关系今年会如何发展？\n外长说，要相互尊重。\n"
        "3. 澎湃新闻记者提问，中方将如何推动全球治理？\n外长说，要践行多边主义。\n"
    )
    assert [r.role for r in parse_seed(text).roles][1::2] == ["item", "item", "item"]
    cross = "外交部記者會\n主持人 陳思遠：我們來直通外交部。\n記者 周嵐：你好。\n主持人 陳思遠：好的，謝謝。\n"
    assert [r.role for r in parse_seed(cross).roles][1] == "question"


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        ("Question (Sidhant Sibal, WION): Was the issue raised?", "Official Spokesperson: It was discussed."),
        ("（記者）影響はありますか。", "（知事）影響が出ています。"),
        ("記者問：外交部如何回應？", "發言人答：我們已表明立場。"),
    ],
)
def test_more_transcripts_shapes(asked: str, answered: str) -> None:
    text = f"Briefing of the day on the visit\n{asked}\n{answered}\n{asked}\n{answered}\n"
    assert [r.role for r in parse_seed(text).roles][1:] == ["question", "answer", "question", "answer"]


def test_a_sections_name_over_the_outlet_and_the_date_is_no_title() -> None:
    text = (
        "跳到主要內容\n新聞與活動\n總統府新聞\n114年12月12日\n"
        "總統接見日本眾議院議員訪問團　盼深化臺日經貿與防災合作\n"
        "總統今(12)日上午接見日本眾議院議員訪問團，代表政府歡迎訪賓來臺。\n"
        "相關新聞\n114年12月5日\n總統出席臺日交流高峰會開幕典禮\n"
    )
    article = parse_seed(text)
    assert article.title == "總統接見日本眾議院議員訪問團　盼深化臺日經貿與防災合作"
    assert article.date_fact is not None and article.date_fact.value == "2025-12-12"


def test_a_records_field_block_a_name_over_the_date_and_tags_before_the_pages_buttons() -> None:
    text = (
        "令和7年度第22回定例記者会見要旨(11月20日)\n更新日:2025年11月20日 印刷ページ表示\n\n"
        "■日時    令和7年11月20日(木曜日)午後2時~2時41分\n■会場    記者会見室\n"
        "知事はきょう定例の記者会見を開きました。\n"
    )
    roles = [r.role for r in parse_seed(text).roles]
    assert roles[1:4] == ["meta", "field", "field"]
    named = "Thursday briefing on the EU and China\nThe ministers came home.\nHarriet Lowe\nThu 10 Apr 2025 06.30 BST\nGood morning.\n"
    assert [r.role for r in parse_seed(named).roles][2] == "byline"
    tagged = (
        "The visit ended\nThe ministers came home on Wednesday.\nShare\n"
        "Explore more on these topics\nEuropean Union\nChina\nShare\nReuse this content\n"
    )
    assert [r.role for r in parse_seed(tagged).roles][-4:] == ["tags", "tags", "furniture", "furniture"]


def test_closing_lines_name_the_source_and_the_editors() -> None:
    text = "Envoy named\nThe president named an envoy yesterday.\nHe will attend.\nReuters\n"
    article = parse_seed(text)
    assert [r.role for r in article.roles][-1] == "source"
    assert article.source_fact is not None and article.source_fact.value == "Reuters"
    text = "经团联访华团推迟出发\n访华团推迟出发。\n外交部作出回应。\n（文章来源：财联社）\n编辑/周超然\n校对/李萌萌\n"
    article = parse_seed(text)
    assert [r.role for r in article.roles][-3:] == ["source", "editor", "editor"]
    assert article.source_fact is not None and article.source_fact.value == "财联社"


def test_a_column_of_words_above_the_title_is_the_pages_not_its_tags() -> None:
    text = (
        "風傳媒\n國際\n日本\n中國\n日中民間智庫對話在東京開幕　聚焦經濟安全\n2025年11月29日 14:20\n"
        "日本與中國的民間智庫今天在東京舉行對話，聚焦經濟安全與供應鏈。\n雙方同意明年再會。\n"
    )
    assert "tags" not in [r.role for r in parse_seed(text).roles][:4]


def test_a_reposted_radio_interview_transcript() -> None:
    text = (
        "Skip to Content\nMonday, November 10th, 2025\n"
        "Edited Transcript of Minister for Foreign Affairs' Radio Interview on the Morning Programme, 8 November 2025\n"
        "by November 9, 2025 General\n"
        "Priya Nair (Radio 938): Good morning. We have the Foreign Minister with us in the studio.\n"
        "Daniel Koh (Radio 938): Yes, there is a lot to unpack.\n"
        "Priya Nair: Minister, welcome.\nMinister: Thank you, good morning.\n"
        "Daniel Koh: And on trade?\nMinister: We will keep markets open.\n"
    )
    article = parse_seed(text)
    roles = [r.role for r in article.roles]
    assert roles[:4] == ["furniture", "meta", "title", "meta"]
    assert roles[4:] == ["question", "question", "question", "answer", "question", "answer"]
    assert article.date_fact is not None and article.date_fact.value == "2025-11-09"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("September 18, 2025, The Kremlin, Moscow", "meta"),  # a transcript's date and where
        ("18 September 2025, Novo-Ogaryovo", "meta"),
        ("(As delivered)", "meta"),
        ("This was published 3 months ago", "meta"),
        ("Published in Dawn, May 14th, 2025", "meta"),
        ("CreditTomás Reyes/The New York Times", "caption"),  # the credit's word glued to the name
        ("Leaders pose in Kuala Lumpur on Friday. Lim Wei Jie for The New York Times", "caption"),
        ("Nomvula Dlamini, reporting from Johannesburg", "byline"),
        ("本期简报作者：陈美玲。翻译：吴思远。", "byline"),
        ("5 min", "furniture"),  # a reading time
        ("0 ( +3 / -3 )", "furniture"),  # a comment's votes
        ("Transcripts   /", "furniture"),  # one piece of a breadcrumb
        ("Login to comment", "furniture"),
    ],
)
def test_lines_of_transcripts_live_pages_and_comment_threads(line: str, role: str) -> None:
    text = f"Ministers meet in Kuala Lumpur\n\n{line}\n\nThe ministers met on Friday and agreed to talk again soon.\n"
    assert roles(text)[1] == role


@pytest.mark.parametrize("label", ["QUESTIONER", "Marina Belova, Channel One"])
def test_a_questioner_and_a_channels_reporter_ask(label: str) -> None:
    text = (
        "Press briefing on the economy\n\nMS. GRANT: Good morning, everyone.\n\n"
        f"{label}: Will the ministers meet again?\n\nMS. GRANT: They will meet next month in Rome.\n"
    )
    assert roles(text)[2] == "question"


def test_a_sites_description_of_itself_above_the_title_is_furniture() -> None:
    text = "Official website of the President of Russia\n\nTalks in Moscow\n\nThe presidents met on Friday.\n"
    assert roles(text) == ["furniture", "title", "lead"]


def test_a_ministrys_briefing_summary_its_office_and_room_under_its_date() -> None:
    """Thailand's MFA weekly briefings: "by the Director-General …", the date, then the room."""
    text = (
        "Summary of the Weekly Press Briefing\n\nby the Director-General of the Department of Information\n\n"
        "Thursday, 6 November 2025 at 11:00 hrs.\n\nMFA Press Conference Room and MFA FB LIVE\n\n"
        "1. The Foreign Minister's visit to Japan\n\n• The Foreign Minister visited Tokyo on Monday.\n\n"
        "• Both sides agreed to meet again in 2026.\n"
    )
    article = parse_seed(text)
    assert [r.role for r in article.roles][:4] == ["title", "byline", "meta", "meta"]
    assert not article.problems  # no "heading with nothing under it" for the room


def test_a_references_footer_with_nothing_under_it_stays_on_the_page() -> None:
    article = parse_seed("Ministers meet\n\nThe ministers met on Friday.\n\nSource:\n")
    assert [r.role for r in article.roles] == ["title", "lead", "paragraph"]
    assert not article.references


def test_a_prefectures_record_with_bare_office_labels_over_what_is_said() -> None:
    """Osaka's records: 職員 / 知事 / 記者 alone on their lines, each over what they say."""
    text = (
        "知事記者会見\n\n職員\n\nただいまから記者会見を始めます。\n\n知事\n\n私からは1点です。\n\n"
        "記者\n\n関西テレビの山中です。交流会には中国の総領事も参加しますか。\n\n知事\n\nご案内しています。\n"
    )
    assert roles(text) == [
        "title",
        "answer",
        "paragraph",
        "answer",
        "paragraph",
        "question",
        "paragraph",
        "answer",
        "paragraph",
    ]


def test_a_name_in_lenticular_brackets_before_a_colon_is_a_speaker() -> None:
    text = (
        "商务部例行新闻发布会\n\n【罗文清】：各位记者朋友，大家下午好。\n\n【记者】：请问中方如何评价会议成果？\n\n"
        "【罗文清】：本次会议通过了领导人宣言。\n"
    )
    assert roles(text)[1:] == ["answer", "question", "answer"]


def test_the_diets_chair_answers_a_member_asks() -> None:
    text = (
        "外務委員会\n\n○大森委員長 これより会議を開きます。西村礼子君。\n\n○西村委員 外務大臣に伺います。\n\n"
        "○林田国務大臣 お答えいたします。\n\n○大森委員長 次回は追って公報をもってお知らせします。\n"
    )
    assert roles(text)[1:] == ["answer", "question", "answer", "answer"]


@pytest.mark.parametrize(("line", "day"), [("2025 11/24 19:42", "2025-11-24"), ("11 月 6, 2025", "2025-11-06")])
def test_dates_in_two_more_forms(line: str, day: str) -> None:
    article = parse_seed(f"外相が会談\n\n{line}\n\n外相は24日、会談した。\n")
    assert article.roles[1].role == "meta"
    assert article.date is not None and article.date.isoformat() == day


@pytest.mark.parametrize(
    "line",
    ["一 二 三 四 五 六 日", "3456789", "« 10 月", "◆アプリなら速報をプッシュ通知でお届け。今なら初月無料です。"],
)
def test_a_calendar_widget_and_an_apps_promotion_are_furniture(line: str) -> None:
    text = f"外相が会談\n\n外相は24日、会談した。\n\n{line}\n\n会談は1時間に及んだ。\n"
    assert roles(text)[2] == "furniture"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("（取材・文：具志堅浩二）", "byline"),
        ("(取材、文・長谷部直樹)", "byline"),
        ("記事公開日:2025.12.10", "meta"),
        ("ページID:91544", "meta"),
        ("[写真]定例会見で記者の質問に答える外相＝11日午前、外務省で", "caption"),
        ("…………………………………", "separator"),
        ("――――◇―――――", "separator"),
    ],
)
def test_japanese_credits_page_ids_and_rules(line: str, role: str) -> None:
    text = f"外相が会談\n\n外相は24日、会談した。\n\n{line}\n\n会談は1時間に及んだ。\n"
    assert roles(text)[2] == role


def test_a_bracketed_source_author_and_editor_line_names_the_source() -> None:
    text = "外长会谈\n\n双方24日举行会谈。\n\n会谈持续一小时。\n\n【来源：新华社  作者：陈立 王蕾  编辑：沈佳】\n"
    article = parse_seed(text)
    assert article.roles[-1].role == "source"
    assert article.source_fact is not None and article.source_fact.value == "新华社"


def test_a_heading_of_questions_and_answers_is_no_speaker() -> None:
    text = "知事記者会見\n\n知事\n\n私からは1点です。\n\n質疑応答\n\n記者\n\n伺います。\n\n知事\n\nお答えします。\n"
    assert roles(text)[3] == "heading"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Related news: Ministers mark 72 years of ties", "furniture"),
        ("Like this:", "furniture"),
        ("Translator: Nabila Putri, Raka Adji", "byline"),
        ("by Irene Chan", "byline"),
        ("The National staff", "byline"),
        ("（撰稿：陳怡君，電話：02-23419876）", "byline"),
        ("记者：李明远、周婧", "byline"),  # the reporters named: no question
        ("Published at : February 9, 2025", "meta"),
        ("以上图源：新华社", "caption"),
    ],
)
def test_more_credits_notices_and_stamps(line: str, role: str) -> None:
    text = f"Ministers meet in Lisbon\n\nThe ministers met on Friday.\n\n{line}\n\nThey agreed to meet again.\n"
    assert roles(text)[2] == role


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("(c)KYODONEWS", "KYODONEWS"),
        ("-马新社-", "马新社"),
        ("(Source) Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
    ],
)
def test_an_agency_signing_off_is_the_source(line: str, source: str) -> None:
    article = parse_seed(f"Ministers meet\n\nThe ministers met on Friday.\n\nThey agreed to talk.\n\n{line}\n")
    assert article.roles[-1].role == "source"
    assert article.source_fact is not None and article.source_fact.value == source


def test_an_interview_with_a_dash_after_each_speaker_in_capitals() -> None:
    text = (
        "Interview of the Foreign Minister\n\nPRESENTER- Minister, thank you for joining us.\n\n"
        "FOREIGN MINISTER SELIM KARADAG- Thank you for having me.\n\nPRESENTER- What comes next?\n\n"
        "FOREIGN MINISTER SELIM KARADAG- More talks.\n"
    )
    assert roles(text)[1:] == ["question", "answer", "question", "answer"]


def test_a_newspaper_in_title_marks_asks_and_a_bare_q_before_a_question() -> None:
    zh = "大使接受专访\n\n《斐济时报》：您如何评价两国关系？\n\n大使：两国关系很好。\n\n《斐济时报》：下一步呢？\n\n大使：继续合作。\n"
    assert roles(zh)[1:] == ["question", "answer", "question", "answer"]
    en = "An interview\n\nQ Your government says it is neutral. Is it?\n\nWe are.\n"
    assert roles(en)[1] == "question"


def test_the_taiwanese_calendar_with_dashes() -> None:
    article = parse_seed("行政院新聞\n\n日期：114-11-06\n\n行政院長今日接見訪問團。\n")
    assert article.date is not None and article.date.isoformat() == "2025-11-06"
