"""Which parts of a web page are the article, and which are site chrome.

A report published on a government site sits inside the site's page: header and
navigation, the breadcrumb (您现在的位置), font-size and print links (字体:[大 中 小],
打印本页, 关闭窗口), share buttons, 扫一扫 QR codes, footer. That text belongs to
the site, not to the report: it must neither satisfy a rule (a 来源 in the
footer is not the report's source) nor break one.

The page is parsed once into events (tags and text with their source offsets);
this module builds a light element tree from them and marks elements to leave out:

1. chrome elements: `nav`, `aside`, `form`, `button`, `select`, `iframe`; `header`
   and `footer` unless they sit in the article (`<article>`, class/id content …) or
   are a header holding the info line (发布时间/来源); elements whose class or id names chrome (nav, menu, breadcrumb,
   crumb, header, footer, share, tools, print, position, location, sidebar,
   copyright, search, login, qrcode …);
2. when an article container exists (`article`, `main`, or a class/id such as
   content, article, main, zoom, TRS_Editor, detail) that holds at least half of
   the page's text, everything outside it is left out except the title (`h1`, or an
   element whose class/id is title) and the info line (the block holding
   发布时间/发布日期/来源/信息来源/发布机构…), so unmarked site text goes too.

Chrome phrases inside the kept text (字体:[大 中 小] in the info line, 【打印本页】)
are removed from the extracted text afterwards (`CHROME_TEXT`, `CHROME_LINE`).
`<head>` (title, meta) is always kept.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen"}
_CLOSES_P = {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form",
             "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
             "section", "table", "ul"}
_CHROME_TAGS = {"nav", "aside", "form", "button", "select", "iframe", "object", "embed", "menu"}
_PAGE_PARTS = {"header", "footer"}
_CHROME_TOKENS = {
    "nav", "navbar", "navi", "navigation", "menu", "menus", "submenu", "breadcrumb", "breadcrumbs",
    "crumb", "crumbs", "header", "footer", "foot", "share", "sharing", "tools", "tool", "toolbar",
    "print", "position", "location", "sidebar", "aside", "copyright", "search", "searchbox",
    "login", "qrcode", "erweima", "ewm", "gotop", "backtop", "fontsize", "fontzoom", "topbar",
    "friendlink", "friendlinks", "skip", "banner"}
_CHROME_SUBSTRINGS = ("bdshare", "jiathis", "bshare", "sharebox", "share-box")
_PAGE_PART_TOKENS = {"header", "footer", "foot"}
_CONTENT_WORDS = {"content", "contents", "article", "main", "zoom", "trs_editor", "trseditor",
                  "detail", "details", "zhengwen", "zw", "maincontent", "articlecontent",
                  "article-content", "news_content", "newscontent", "con_text", "view"}
_CONTENT_TOKENS = {"content", "contents", "article", "main", "zoom", "detail", "details",
                   "editor", "zhengwen"}
_TITLE_TOKENS = {"title", "tit", "biaoti", "headline"}
_SPLIT = regex.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
INFO_LABEL = regex.compile(r"(?:发布|发文|成文|公开|更新|信息)?(?:时间|日期)\s*[:：]|(?:信息|文章)?来源\s*[:：]"
                           r"|发布(?:机构|单位)\s*[:：]|发文机关\s*[:：]")
_MAX_INFO = 300     # characters: an info line is short; a longer block is not one
_MAX_TITLE = 200
_CONTAINER_SHARE = 0.5

CHROME_TEXT = regex.compile(
    r"[【\[（(]?[^\S\n]*字[体号][^\S\n]*[:：]?[^\S\n]*[【\[（(]?[^\S\n]*大[^\S\n]*[|｜/]?[^\S\n]*中[^\S\n]*[|｜/]?[^\S\n]*小[^\S\n]*[\]】)）]?[^\S\n]*[\]】)）]?"
    r"|[【\[][^\S\n]*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|分享)[^\S\n]*[】\]]"
    r"|打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|加入收藏"
    r"|扫一扫在手机(?:上)?(?:打开|浏览)(?:当前页(?:面)?|本页)?|扫一扫"
    r"|分享到[^\S\n]*[:：]?"
    r"|(?:浏览|阅读|访问|点击)(?:次数|量|数)[^\S\n]*[:：][^\S\n]*\d*[^\S\n]*次?"
)
CHROME_LINE = regex.compile(r"^[ \t]*(?:您(?:现在)?(?:所在)?的位置|当前位置|所在位置)[^\S\n]*[:：].*$", regex.M)


@dataclass(eq=False)
class Node:
    """An element of the page: tag, attributes, source span, children and own text runs."""

    tag: str
    attrs: dict
    start: int
    parent: "Node | None" = None
    end: int | None = None
    children: list["Node"] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    excluded: bool = False        # the element and all it holds are left out
    own_text_excluded: bool = False  # only its own text runs are left out (it leads to kept elements)
    chrome: bool = False
    size: int = 0  # characters of text in the subtree, chrome left out

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self):
        """This element and all it holds, in document order (iterative: no recursion limit)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


class TreeBuilder:
    """Builds the element tree from parser events; `node_at` says which element each event is in.

    Elements opened deeper than `max_depth` levels (0: no limit) are added as empty
    children of the element at that depth instead of being nested further, as browsers
    do (Blink stops nesting at 512): their text counts as that element's text, so all of
    it is still read, and no later step recurses or walks ancestors without bound.
    `deepest` is the deepest nesting the page asked for and `flattened_at` the source
    offset of the first element read flat (None when the limit was not reached).
    """

    def __init__(self, max_depth: int = 0) -> None:
        self.root = Node("#document", {}, 0)
        self.stack = [self.root]
        self.max_depth = max_depth
        self.deepest = 0
        self.flattened_at: int | None = None
        self._flat: dict[str, int] = {}  # tag -> elements of it opened beyond the limit, still open
        self._flat_open = 0

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def start(self, tag: str, attrs: dict, at: int, self_closing: bool = False) -> Node:
        self._implied_end(tag, at)
        node = Node(tag, attrs, at, parent=self.current)
        self.current.children.append(node)
        if not self_closing and tag not in VOID:
            self.deepest = max(self.deepest, len(self.stack) + self._flat_open)
            if self.max_depth and len(self.stack) > self.max_depth:
                node.end = at
                self._flat[tag] = self._flat.get(tag, 0) + 1
                self._flat_open += 1
                if self.flattened_at is None:
                    self.flattened_at = at
            else:
                self.stack.append(node)
        else:
            node.end = at
        return node

    def end(self, tag: str, at: int) -> Node | None:
        if self._flat.get(tag):  # closes an element read flat: the innermost open one
            self._flat[tag] -= 1
            self._flat_open -= 1
            return None
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                node = self.stack[index]
                for closed in self.stack[index:]:
                    closed.end = at
                del self.stack[index:]
                return node
        return None

    def data(self, text: str) -> Node:
        self.current.texts.append(text)
        return self.current

    def finish(self, length: int) -> Node:
        for node in self.stack[1:]:
            node.end = length
        self.stack = [self.root]
        self._flat.clear()
        self._flat_open = 0
        self.root.end = length
        return self.root

    def _implied_end(self, tag: str, at: int) -> None:
        if tag in _CLOSES_P and self.current.tag == "p":
            self.end("p", at)
        elif tag == "li":
            self._close_within("li", ("ul", "ol"), at)
        elif tag in ("dt", "dd"):
            self._close_within(("dt", "dd"), ("dl",), at)
        elif tag in ("td", "th"):
            self._close_within(("td", "th"), ("tr", "table"), at)
        elif tag == "tr":
            self._close_within("tr", ("table", "tbody", "thead", "tfoot"), at)
        elif tag == "option":
            self._close_within("option", ("select",), at)

    def _close_within(self, tags, scopes, at: int) -> None:
        tags = (tags,) if isinstance(tags, str) else tags
        for node in reversed(self.stack[1:]):
            if node.tag in scopes:
                return
            if node.tag in tags:
                self.end(node.tag, at)
                return


def mark_excluded(root: Node) -> None:
    """Set `excluded` on every element whose text is not part of the article."""
    body = next((n for n in root.walk() if n.tag == "body"), root)
    # in document order, not looking inside what is left out already (its elements are left out
    # with it), and knowing on the way down whether an element sits in the article: no element's
    # ancestors are walked, which a deeply nested page would make quadratic
    above = any(_in_content(a) for a in (body, *body.ancestors()))
    stack = [(child, above) for child in reversed(body.children)]
    while stack:
        node, in_content = stack.pop()
        if _is_chrome(node, in_content):
            _exclude(node)
            continue
        inner = in_content or _in_content(node)
        stack.extend((child, inner) for child in reversed(node.children))
    _sizes(root)
    container = _container(body)
    if container is None:
        return
    keep = [container] + _titles(body, container) + _info_blocks(body, container)
    _exclude_outside(body, keep)


def _tokens(node: Node) -> tuple[set[str], set[str]]:
    """(whole class/id words, their parts split at - _ and camelCase), lower-cased."""
    words, parts = set(), set()
    for name in ("class", "id"):
        for word in (node.attrs.get(name) or "").split():
            words.add(word.lower())
            parts.update(p.lower() for p in _SPLIT.split(word) if p)
    return words, parts


def _is_chrome(node: Node, in_content: bool) -> bool:
    """Whether `node` is site chrome; `in_content`: an ancestor is the article (see `_in_content`)."""
    words, parts = _tokens(node)
    page_part = node.tag in _PAGE_PARTS or bool(parts & _PAGE_PART_TOKENS)
    chrome = (node.tag in _CHROME_TAGS or page_part or bool(parts & _CHROME_TOKENS)
              or any(s in w for w in words for s in _CHROME_SUBSTRINGS))
    if not chrome:
        return False
    if node.tag in _CHROME_TAGS or (parts - _PAGE_PART_TOKENS) & _CHROME_TOKENS:
        return True
    if any(s in w for w in words for s in _CHROME_SUBSTRINGS):
        return True
    # only a header or footer is left. It is the article's own when it sits in the article
    # (<article><footer>来源：…</footer>) or names it, or when it is a header holding the info line
    # (<div class="article-header"><h1>…</h1>发布时间：…</div>); a site header with the site's name
    # in an h1, or a site footer that happens to hold 来源, stays chrome.
    if words & _CONTENT_WORDS or in_content:
        return False
    is_header = node.tag == "header" or "header" in parts
    return not (is_header and _holds_info(node))


def _in_content(node: Node) -> bool:
    return node.tag == "article" or bool(_tokens(node)[0] & _CONTENT_WORDS)


def _holds_info(node: Node) -> bool:
    texts, length, check_at = [], 0, _MAX_INFO * 2
    for inner in node.walk():
        for text in inner.texts:
            texts.append(text)
            length += len(text)
            if length > check_at:  # at doubling lengths: linear however the text is split
                if len("".join(texts).strip()) > _MAX_INFO * 2:
                    return False  # already too long to be an info line, whatever follows
                check_at = length * 2
    text = "".join(texts)
    return bool(INFO_LABEL.search(text)) and len(text.strip()) <= _MAX_INFO * 2


def _exclude(node: Node) -> None:
    node.chrome = True
    for inner in node.walk():
        inner.excluded = True


def _sizes(root: Node) -> int:
    """Set `size` on every element under `root` (children first; iterative: no recursion limit)."""
    order = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        if not (node.excluded or node.tag in ("script", "style", "noscript", "template")):
            stack.extend(node.children)
    for node in reversed(order):
        if node.excluded or node.tag in ("script", "style", "noscript", "template"):
            node.size = 0
        else:
            node.size = sum(len(t.strip()) for t in node.texts) + sum(c.size for c in node.children)
    return root.size


def _is_candidate(node: Node) -> bool:
    if node.excluded:
        return False
    words, parts = _tokens(node)
    return node.tag in ("article", "main") or bool(words & _CONTENT_WORDS) or bool(parts & _CONTENT_TOKENS)


def _container(body: Node) -> Node | None:
    """The most specific article container holding most of the page's text, if there is one."""
    candidates = [n for n in body.walk() if n is not body and _is_candidate(n)]
    if not candidates or not body.size:
        return None
    best = max(candidates, key=lambda n: n.size)
    if best.size < body.size * _CONTAINER_SHARE:
        return None
    # the same search, bounded for deeply nested pages: only candidates large enough are looked
    # at (largest first, document order among equals), and "inside" is a comparison of positions
    order = sorted(candidates, key=lambda n: -n.size)
    negative_sizes = [-n.size for n in order]
    place = _places(body)
    while True:
        large = order[:bisect.bisect_right(negative_sizes, -best.size * 0.8)]
        first, last, _ = place[id(best)]
        inner = [n for n in large if first < place[id(n)][0] < last]
        if not inner:
            return best
        best = max(inner, key=lambda n: (n.size, -place[id(n)][2]))


def _places(body: Node) -> dict[int, tuple[int, int, int]]:
    """id(node) -> (its position in document order, the position after all it holds, its depth)."""
    order = list(body.walk())
    index = {id(node): i for i, node in enumerate(order)}
    after = [i + 1 for i in range(len(order))]
    for i in range(len(order) - 1, 0, -1):  # children come after their parent
        parent = index[id(order[i].parent)]
        after[parent] = max(after[parent], after[i])
    depth = {id(body): len(list(body.ancestors()))}
    for node in order[1:]:
        depth[id(node)] = depth[id(node.parent)] + 1
    return {id(node): (i, after[i], depth[id(node)]) for i, node in enumerate(order)}


class _Outside:
    """`outside(node)`: neither the container, nor in it, nor one of its ancestors."""

    def __init__(self, container: Node) -> None:
        self.related = {id(n) for n in container.walk()} | {id(a) for a in container.ancestors()}

    def __call__(self, node: Node) -> bool:
        return id(node) not in self.related


def _titles(body: Node, container: Node) -> list[Node]:
    found = []
    outside = _Outside(container)
    stack = [body]
    while stack:  # document order; what is inside a title found already is not looked at
        node = stack.pop()
        if not node.excluded and outside(node):
            _, parts = _tokens(node)
            if node.tag == "h1" or (parts & _TITLE_TOKENS and 0 < node.size <= _MAX_TITLE):
                found.append(node)
                continue
        stack.extend(reversed(node.children))
    return found


_BLOCKS = {"p", "div", "li", "td", "th", "tr", "section", "header", "footer", "h1", "h2", "h3", "h4",
           "h5", "h6", "dd", "dt", "center", "table", "article"}


def _info_blocks(body: Node, container: Node) -> list[Node]:
    found: list[Node] = []
    seen: set[int] = set()
    outside = _Outside(container)
    for node in body.walk():
        if node.excluded or not outside(node):
            continue
        if not INFO_LABEL.search("".join(node.texts)):
            continue
        block = node
        while block.tag not in _BLOCKS and block.parent is not None and block.parent is not body:
            block = block.parent
        if block.size <= _MAX_INFO and id(block) not in seen and outside(block):
            found.append(block)
            seen.add(id(block))
    return found


def _exclude_outside(body: Node, keep: list[Node]) -> None:
    """Leave out all of `body` except the kept elements (and what leads to them)."""
    kept = set(map(id, keep))
    on_path = {id(a) for node in keep for a in node.ancestors()}

    stack = list(body.children)
    while stack:  # iterative: no recursion limit
        node = stack.pop()
        if id(node) in kept:
            continue
        if id(node) in on_path:
            node.own_text_excluded = True
            stack.extend(node.children)
        else:
            for inner in node.walk():
                inner.excluded = True
    body.own_text_excluded = True
