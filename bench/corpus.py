"""A deterministic corpus of report-like documents for the benchmark (bench/run.py).

    python bench/corpus.py OUT_DIR [--files 2000] [--seed 6]

writes OUT_DIR/d000/r000000.txt … (1,000 files per folder, so the first 2,000
files of a 20,000-file corpus are exactly the 2,000-file corpus) and prints what
it made. Every file is about 6 KB, written from templates of sections and varied
sentences in the prose of Chinese government information-disclosure annual
reports (fictional places and organs, numbers drawn per file):

- about half are reports in the 2021 standard format (six fixed sections, the
  statistics tables 二, 三 and 四 as tab-separated rows), a third free-form
  reports of 2009-2018, the rest notices and news items;
- some carry what disclint exists to find: secrecy markings (机密★10年, 密级：秘密,
  内部资料), a missing section, pinyin-annotation corruption from a mirror site
  (with Traditional characters), statistics tables that do not add up, template
  leftovers, draft labels, a mobile number, markup debris, late publication;
- 10% are encoded in GB18030 and 10% are web pages (HTML with site chrome).

File i depends only on the seed and i (random.Random seeded with a string), so
the same command makes the same bytes on every run and every machine.
"""

from __future__ import annotations

import argparse
import datetime
import html
import random
import sys
from collections import Counter
from pathlib import Path

TARGET_BYTES = 6000
PER_FOLDER = 1000

PLACES = ["青溪市", "云岭县", "临江市", "白沙区", "东岚县", "石门市", "安平县", "梧桐区", "南屏市", "柳川县",
          "长垣区", "北塘市", "凤鸣县", "清河区", "玉泉市", "松阳县"]
ORGANS = ["统计局", "民政局", "自然资源局", "生态环境局", "交通运输局", "卫生健康委员会", "市场监督管理局",
          "医疗保障局", "住房和城乡建设局", "水利局", "农业农村局", "司法局", "审计局", "应急管理局",
          "人民政府", "人民政府办公室", "教育局", "文化和旅游局"]
TOPICS = ["财政预决算", "重大建设项目", "公共资源配置", "社会救助", "食品药品监管", "生态环境保护", "安全生产",
          "教育收费", "医疗卫生", "就业创业", "征地拆迁", "保障性住房", "乡村振兴", "营商环境"]
CHANNELS = ["门户网站", "政务微博", "微信公众号", "政府公报", "新闻发布会", "政务服务大厅", "档案馆查阅点",
            "公共图书馆查阅点", "电子显示屏", "村（社区）公开栏"]
MEASURES = ["业务培训", "专项检查", "网站巡查", "信息公开质量评估", "第三方评估", "群众满意度调查"]

OPENING = [
    "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室有关要求编制。",
    "根据《中华人民共和国政府信息公开条例》第五十条规定，{org}编制本年度政府信息公开工作年度报告。",
    "按照上级政务公开工作部署，结合本单位工作实际，现将{year}年度政府信息公开工作情况报告如下。",
]
PERIOD = "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
ONLINE = [
    "本报告电子版可在{org}门户网站“政府信息公开”专栏查阅和下载。",
    "如对本报告有疑问，请与{org}办公室联系（地址：{place}政务服务中心{n}楼，邮编：{zip}）。",
    "本报告全文同时在{place}人民政府门户网站政府信息公开平台发布。",
]
SENTENCES = {
    "proactive": [
        "{year}年，我单位坚持以公开为常态、不公开为例外，全年主动公开政府信息{a}条。",
        "其中，通过门户网站发布{b}条，通过{channel}发布{c}条，其余通过政府公报和新闻发布会等渠道公开。",
        "围绕{topic}等重点领域，及时公开政策文件、执行情况和结果信息，全年发布相关信息{c}条。",
        "对涉及群众切身利益的政策文件，坚持做到文件与解读材料同步起草、同步审签、同步发布，全年发布政策解读{d}篇。",
        "按要求在门户网站集中公开现行有效的行政规范性文件，并对已废止和失效文件作出明确标注。",
        "全年召开新闻发布会{e}场，主要负责同志出席发布会{f}次，回应社会关切问题{d}个。",
        "在{topic}方面，重点公开了年度计划、资金安排和项目进展情况，方便群众查询监督。",
    ],
    "applications": [
        "{year}年，我单位共收到政府信息公开申请{new}件，另有上年结转申请{carried}件。",
        "从申请方式看，网上申请占多数，其余为信函申请和当面申请；从申请内容看，主要涉及{topic}等方面。",
        "对每一件申请均按照登记、审查、办理、答复、归档的程序办理，做到件件有回复、事事有着落。",
        "对申请内容不明确的，一次性告知申请人补正；对不属于本机关公开职责的，告知申请人获取途径。",
        "全年所有申请均在法定期限内答复，未发生逾期答复情况，也未向申请人收取任何费用。",
        "为提高答复质量，我单位组织法律顾问对答复文书进行合法性审查，进一步规范了答复格式和用语。",
    ],
    "management": [
        "进一步健全信息发布审核机制，拟公开信息须经业务科室初审、办公室复核、分管负责同志审定后方可发布。",
        "对政府信息实行动态管理，全年清理失效链接{d}个，更新过时栏目{e}个，确保公开内容准确有效。",
        "严格落实保密审查要求，坚持“先审查、后公开”和“一事一审”原则，全年未发生失泄密问题。",
        "建立政府信息公开目录动态更新机制，对新增的公开事项及时纳入目录管理。",
    ],
    "platforms": [
        "将门户网站作为政府信息公开的第一平台，优化“政府信息公开”专栏，新增{topic}等子栏目。",
        "持续办好{channel}等政务新媒体，全年推送各类信息{c}余条，阅读量累计{g}万次。",
        "在{channel}设置政府信息查阅点，配备查阅电脑和资料架，为群众查阅政府信息提供便利。",
        "依托政务服务热线和网站留言板，对群众咨询的问题做到及时回复，全年答复咨询{d}件。",
    ],
    "oversight": [
        "及时调整政府信息公开工作领导小组，由主要负责同志任组长，明确办公室为工作机构，各科室确定一名信息联络员。",
        "将政府信息公开工作纳入科室年度考核，全年组织{measure}{e}次，对发现的问题即查即改。",
        "本年度未发生因政府信息公开工作受到责任追究的情况。",
        "主动接受人大代表、政协委员和社会各界监督，认真办理涉及政务公开的意见建议{f}件。",
    ],
    "problems": [
        "一是政策解读的深度和可读性不够，图表化、可视化解读偏少；",
        "二是部分科室对依申请公开办理程序掌握不够熟练，答复文书的规范性有待提高；",
        "三是门户网站部分历史栏目更新不够及时，信息检索功能有待完善。",
        "下一步，我单位将着力做好以下工作：一是丰富解读形式，在重要政策发布时同步推出图解、短视频等解读产品；",
        "二是加强业务培训，组织学习依申请公开办理规范，统一答复文书格式；",
        "三是加强网站日常巡查，对栏目内容实行动态更新，不断提升政府信息公开工作质量。",
    ],
    "other": [
        "本年度未收取信息处理费。",
        "全年共办理人大代表建议{e}件、政协委员提案{f}件，均已按期办结，答复全文已在门户网站公开。",
        "我单位认真落实本年度政务公开工作要点，各项任务均已按期完成。",
    ],
    "organisation": [
        "我单位高度重视政府信息公开工作，年初根据人员变动情况及时调整了政府信息公开工作领导小组。",
        "领导小组下设办公室，承担日常协调、信息审核和发布等具体事务，各科室明确一名信息员专人负责。",
        "全年领导小组召开专题会议{e}次，研究部署信息公开重点任务，形成了主要领导亲自抓、分管领导具体抓的工作格局。",
    ],
    "rules": [
        "结合工作实际，修订了政府信息公开工作规程，对信息采集、审核、发布、归档等环节作出明确规定。",
        "严格执行保密审查制度，拟公开的信息须经科室负责人初审、办公室复核后方可发布。",
        "建立健全考核制度和责任追究制度，将政府信息公开工作纳入年度目标管理。",
    ],
    "fees": [
        "本年度我单位在办理政府信息公开申请过程中未收取任何费用，也未发生减免费用的情况。",
    ],
    "appeals": [
        "本年度未发生因政府信息公开引起的行政复议和行政诉讼。",
        "全年发生因政府信息公开申请引起的行政复议{e}起，经复议维持原答复。",
    ],
    "notice": [
        "为进一步做好{topic}相关工作，现将有关事项通知如下。",
        "各单位要高度重视，明确责任分工，确保各项工作按时保质完成。",
        "请各单位于{month}月{day}日前将工作开展情况报送办公室，联系人：办公室工作人员。",
        "工作中遇到的问题，请及时与{org}办公室沟通。",
        "各乡镇（街道）、各有关部门要结合实际，认真抓好贯彻落实。",
    ],
}
FREE_FORM_SECTIONS = [("organisation", "加强组织领导"), ("rules", "健全规章制度"), ("platforms", "拓宽公开平台"),
                      ("proactive", "主动公开政府信息情况"), ("applications", "依申请公开政府信息情况"),
                      ("fees", "政府信息公开的收费及减免情况"), ("appeals", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
                      ("problems", "存在的主要问题和改进措施")]
STANDARD_SECTIONS = [("overview", "总体情况"), ("proactive", "主动公开政府信息情况"),
                     ("applications", "收到和处理政府信息公开申请情况"), ("appeals", "政府信息公开行政复议、行政诉讼情况"),
                     ("problems", "存在的主要问题及改进情况"), ("other", "其他需要报告的事项")]
OVERVIEW_PARTS = [("proactive", "主动公开"), ("applications", "依申请公开"), ("management", "政府信息管理"),
                  ("platforms", "政府信息公开平台建设"), ("oversight", "监督保障")]
CN = "一二三四五六七八九十"
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
OUTCOMES = [  # (group label, [leaf labels]) of table 三, 2021 format
    ("（一）予以公开", [""]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [""]),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]
PINYIN = {"公": "gōng", "开": "kāi", "政": "zhèng", "府": "fǔ", "信": "xìn", "息": "xī", "工": "gōng",
          "作": "zuò", "年": "nián", "度": "dù", "报": "bào", "告": "gào", "申": "shēn", "请": "qǐng",
          "情": "qíng", "况": "kuàng", "主": "zhǔ", "动": "dòng", "发": "fā", "布": "bù", "网": "wǎng", "站": "zhàn"}
TRADITIONAL = {"开": "開", "发": "發", "时": "時", "间": "間", "务": "務", "报": "報", "门": "門", "网": "網",
               "为": "為", "与": "與", "动": "動", "况": "況", "请": "請", "们": "們", "个": "個", "对": "對",
               "单": "單", "进": "進", "实": "實", "关": "關", "规": "規", "这": "這", "经": "經", "题": "題"}
MARKINGS = ["机密★10年", "秘密★5年", "密级：秘密", "内部资料　注意保存", "本材料仅供内部使用，不得外传。", "INTERNAL USE ONLY"]
LEFTOVERS = ["XX局", "××年××月××日", "【待补充】", "（单位名称）"]
DEBRIS = ["</p>", "&nbsp;", "?/p>", "<br>"]
SHARES = {"gb18030": 0.10, "html": 0.10, "marking": 0.06, "missing-section": 0.10, "pinyin": 0.03,
          "table-error": 0.18, "leftover": 0.03, "draft": 0.03, "mobile": 0.02, "debris": 0.04}


def document(seed: str | int, index: int) -> tuple[str, bytes, list[str]]:
    """(file name, bytes, what it contains) of file `index`: the same on every run."""
    rng = random.Random(f"disclint-bench:{seed}:{index}")
    traits = [name for name, share in SHARES.items() if rng.random() < share]
    kind = rng.choices(["standard", "free-form", "notice"], weights=[50, 35, 15])[0]
    place = rng.choice(PLACES)
    organ = rng.choice(ORGANS)
    org = place + organ
    year = rng.randint(2019, 2023) if kind == "standard" else rng.randint(2009, 2018) if kind == "free-form" \
        else rng.randint(2015, 2023)
    writer = _Writer(rng, org, place, year)
    if kind == "standard":
        lines = writer.standard(missing="missing-section" in traits, table_error="table-error" in traits)
    elif kind == "free-form":
        lines = writer.free_form(missing="missing-section" in traits)
    else:
        lines = writer.notice()
    _damage(rng, lines, traits)
    text = "\n".join(lines) + "\n"
    if "pinyin" in traits:
        text = _mirror_copy(rng, text)
    name = f"d{index // PER_FOLDER:03d}/r{index:06d}"
    if "html" in traits:
        return name + ".html", _web_page(lines[0], text).encode("utf-8"), [kind, *traits]
    return name + ".txt", text.encode("gb18030" if "gb18030" in traits else "utf-8"), [kind, *traits]


class _Writer:
    def __init__(self, rng: random.Random, org: str, place: str, year: int) -> None:
        self.rng, self.org, self.place, self.year = rng, org, place, year
        published = datetime.date(year + 1, 1, 1) + datetime.timedelta(days=rng.randint(5, 80))
        self.published = published
        self.numbers = {"a": rng.randint(80, 900), "b": rng.randint(40, 400), "c": rng.randint(10, 300),
                        "d": rng.randint(3, 60), "e": rng.randint(1, 12), "f": rng.randint(1, 9),
                        "g": rng.randint(2, 90), "n": rng.randint(2, 9), "zip": rng.randint(100000, 999999),
                        "month": rng.randint(1, 12), "day": rng.randint(1, 28)}

    def fill(self, template: str, **extra) -> str:
        values = {**self.numbers, "org": self.org, "place": self.place, "year": self.year,
                  "topic": self.rng.choice(TOPICS), "channel": self.rng.choice(CHANNELS),
                  "measure": self.rng.choice(MEASURES), **extra}
        return template.format(**values)

    def paragraph(self, pool: str, count: int, **extra) -> str:
        sentences = SENTENCES[pool]
        picked = self.rng.sample(sentences, min(count, len(sentences)))
        return "".join(self.fill(s, **extra) for s in picked)

    def header(self, title: str) -> list[str]:
        return [title, f"发布时间：{self.published.isoformat()}　来源：{self.org}", ""]

    def closing(self) -> list[str]:
        signed = self.published - datetime.timedelta(days=self.rng.randint(0, 6))
        return ["", self.org, f"{signed.year}年{signed.month}月{signed.day}日"]

    def standard(self, missing: bool, table_error: bool) -> list[str]:
        new, carried, table3 = self.table3(table_error)
        extra = {"new": new, "carried": carried}
        lines = self.header(f"{self.org}{self.year}年政府信息公开工作年度报告")
        lines.append(self.fill(self.rng.choice(OPENING)) + self.fill(PERIOD) + self.fill(self.rng.choice(ONLINE)))
        skipped = self.rng.randrange(len(STANDARD_SECTIONS)) if missing else -1
        for number, (key, heading) in enumerate(STANDARD_SECTIONS):
            if number == skipped:
                continue
            lines += ["", f"{CN[number]}、{heading}"]
            if key == "overview":
                for part, (pool, title) in enumerate(OVERVIEW_PARTS):
                    lines += [f"（{CN[part]}）{title}", self.paragraph(pool, self.rng.randint(2, 4), **extra)]
            elif key == "proactive":
                lines += self.table2()
            elif key == "applications":
                lines += table3
            elif key == "appeals":
                lines += self.table4()
            else:
                lines.append(self.paragraph(key, 6 if key == "problems" else 3, **extra))
        lines += self.closing()
        self.pad(lines, "proactive", before=len(lines) - 3, **extra)
        return lines

    def free_form(self, missing: bool) -> list[str]:
        extra = {"new": self.rng.randint(0, 40), "carried": self.rng.randint(0, 3)}
        lines = self.header(f"{self.org}{self.year}年政府信息公开工作年度报告")
        lines.append(self.fill(self.rng.choice(OPENING)) + self.fill(self.rng.choice(ONLINE)))
        skipped = self.rng.choice([0, 1, 2, 3, 4, 7]) if missing else -1
        number = 0
        for index, (pool, heading) in enumerate(FREE_FORM_SECTIONS):
            if index == skipped:
                continue
            lines += ["", f"{CN[number]}、{heading}", self.paragraph(pool, self.rng.randint(3, 6), **extra)]
            number += 1
        lines += self.closing()
        self.pad(lines, "platforms" if skipped != 2 else "rules", before=len(lines) - 3, **extra)
        return lines

    def notice(self) -> list[str]:
        topic = self.rng.choice(TOPICS)
        lines = self.header(f"{self.org}关于做好{self.year}年{topic}信息公开工作的通知")
        lines += ["各科室、各直属单位：", self.paragraph("notice", 3, topic=topic)]
        for number in range(self.rng.randint(3, 5)):
            lines += [f"{CN[number]}、{self.rng.choice(['提高思想认识', '明确工作重点', '规范公开程序', '加强督促检查', '强化工作保障'])}",
                      self.paragraph(self.rng.choice(["management", "platforms", "oversight"]), 3)]
        lines += self.closing()
        self.pad(lines, "management", before=len(lines) - 3)
        return lines

    def pad(self, lines: list[str], pool: str, before: int, **extra) -> None:
        """Grow the document with more sentences until it is about TARGET_BYTES long."""
        while len("\n".join(lines).encode("utf-8")) < TARGET_BYTES - 300:
            lines.insert(before, self.paragraph(pool, self.rng.randint(2, 4), **extra))
            before += 1

    def table2(self) -> list[str]:
        r = self.rng.randint
        issued, repealed = r(0, 6), r(0, 3)
        return ["第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0",
                f"行政规范性文件\t{issued}\t{repealed}\t{issued + r(2, 30)}",
                "第二十条第（五）项", "信息内容\t本年处理决定数量", f"行政许可\t{r(0, 900)}",
                "第二十条第（六）项", "信息内容\t本年处理决定数量", f"行政处罚\t{r(0, 300)}", f"行政强制\t{r(0, 40)}",
                "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t0"]

    def table3(self, error: bool) -> tuple[int, int, list[str]]:
        r = self.rng.randint
        leaves = sum(len(group) for _, group in OUTCOMES)
        new = [r(0, 40), r(0, 8), r(0, 2), r(0, 2), r(0, 3), r(0, 2)]
        carried = [r(0, 3) if r(0, 2) == 0 else 0 for _ in COLUMNS]
        forward = [min(r(0, 2), new[i] + carried[i]) for i in range(6)]
        grid = [[0] * 6 for _ in range(leaves)]
        for column in range(6):
            for _ in range(new[column] + carried[column] - forward[column]):
                leaf = 0 if r(0, 2) else r(0, leaves - 1)
                grid[leaf][column] += 1
        total = [sum(row[column] for row in grid) for column in range(6)]
        rows = [("一、本年新收政府信息公开申请数量", new), ("二、上年结转政府信息公开申请数量", carried)]
        leaf = 0
        for label, group in OUTCOMES:
            for position, sub in enumerate(group):
                head = ("三、本年度办理结果\t" if leaf == 0 else "\t") + (label if position == 0 else "")
                rows.append((head + (("\t" + sub) if sub else ""), grid[leaf]))
                leaf += 1
        rows += [("\t（七）总计", total), ("四、结转下年度继续办理", forward)]
        cells = [[*values, sum(values)] for _, values in rows]
        if error:  # one cell that breaks an identity of the table
            row = self.rng.choice([0, 1, len(rows) - 2, len(rows) - 1, 2])
            cells[row][self.rng.randrange(7)] += self.rng.choice([1, 2, -1]) if cells[row][0] else 1
        lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
                 "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
        lines += [label + "\t" + "\t".join(str(v) for v in values) for (label, _), values in zip(rows, cells)]
        return sum(new), sum(carried), lines

    def table4(self) -> list[str]:
        groups = []
        for _ in range(3):
            parts = [self.rng.choice([0, 0, 0, 1, 2]) for _ in range(4)]
            groups += [*parts, sum(parts)]
        return ["行政复议\t行政诉讼",
                "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
                "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                "\t".join(str(v) for v in groups)]


def _damage(rng: random.Random, lines: list[str], traits: list[str]) -> None:
    """Put in the defects this file was drawn to have."""
    body = [i for i, line in enumerate(lines) if len(line) > 40 and "\t" not in line]
    if "marking" in traits:
        lines.insert(0, rng.choice(MARKINGS))
    if "draft" in traits:
        lines[1 if "marking" in traits else 0] += "（征求意见稿）"
    if "leftover" in traits and body:
        at = rng.choice(body)
        lines[at] = lines[at][:20] + rng.choice(LEFTOVERS) + lines[at][20:]
    if "mobile" in traits and body:
        at = rng.choice(body)
        lines[at] += f"经办人：王某，手机{rng.choice(['139', '186', '150'])}{rng.randint(10000000, 99999999)}。"
    if "debris" in traits and body:
        for at in rng.sample(body, min(3, len(body))):
            lines[at] += rng.choice(DEBRIS)


def _mirror_copy(rng: random.Random, text: str) -> str:
    """What a mirror site makes of a report: Traditional characters, readings in parentheses."""
    out = []
    for ch in text:
        if ch in PINYIN and rng.random() < 0.35:
            out.append(ch + f"({PINYIN[ch]})")
        else:
            out.append(TRADITIONAL.get(ch, ch))
    return "".join(out)


def _web_page(title: str, text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    body = []
    for line in lines[1:]:
        if "\t" in line:
            body.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    rows = "\n".join(body).replace("</tr>\n<tr>", "</tr><tr>")
    rows = rows.replace("<tr>", "<table><tr>", 1) if "<tr>" in rows else rows
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.escape(title) + "</title>\n"
            "<meta name=\"ArticleTitle\" content=\"" + html.escape(title) + "\"></head>\n<body>\n"
            "<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | <a href=\"/hdjl/\">互动交流</a></div>\n"
            "<div class=\"position\">您现在的位置：首页 &gt; 政务公开 &gt; 年度报告</div>\n"
            "<div class=\"article\"><h1>" + html.escape(title) + "</h1>\n<div id=\"zoom\">\n" + rows +
            ("</table>" if "<table>" in rows else "") + "\n</div></div>\n"
            "<div class=\"footer\">主办单位：" + html.escape(title[:6]) + "　网站标识码：0000000000　打印本页　关闭窗口</div>\n"
            "</body></html>\n")


def generate(out: Path, files: int, seed: str | int = 6) -> Counter:
    """Write `files` documents under `out` (kept when already there, byte for byte); count their traits."""
    counts: Counter = Counter()
    for index in range(files):
        name, data, traits = document(seed, index)
        path = out / name
        if not path.exists() or path.stat().st_size != len(data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        counts.update(traits)
        counts["bytes"] += len(data)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the benchmark corpus (deterministic).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", default="6")
    args = parser.parse_args(argv)
    counts = generate(args.out, args.files, args.seed)
    size = counts.pop("bytes")
    print(f"{args.files} files, {size / 1e6:.1f} MB ({size / args.files / 1000:.1f} KB each) in {args.out}")
    print(", ".join(f"{name} {count}" for name, count in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
