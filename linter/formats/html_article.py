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

from linter import regexes

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
_SPLIT = regexes.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
INFO_LABEL = regexes.compile(r"(?:发布|发文|成文|公开|更新|信息)?(?:时间|日期)\s*[:：]|(?:信息|文章)?来源\s*[:：]"
                           r"|发布(?:机构|单位)\s*[:：]|发文机关\s*[:：]")
_MAX_INFO = 300     # characters: an info line is short; a longer block is not one
_MAX_TITLE = 200
_CONTAINER_SHARE = 0.5

CHROME_TEXT = regexes.compile(
    r"[【\[（(]?[^\S\n]*字[体号][^\S\n]*[:：]?[^\S\n]*[【\[（(]?[^\S\n]*大[^\S\n]*[|｜/]?[^\S\n]*中[^\S\n]*[|｜/]?[^\S\n]*小[^\S\n]*[\]】)）]?[^\S\n]*[\]】)）]?"
    r"|[【\[][^\S\n]*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|分享)[^\S\n]*[】\]]"
    r"|打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|加入收藏"
    r"|扫一扫在手机(?:上)?(?:打开|浏览)(?:当前页(?:面)?|本页)?|扫一扫"
    r"|分享到[^\S\n]*[:：]?"
    r"|(?:浏览|阅读|访问|点击)(?:次数|量|数)[^\S\n]*[:：][^\S\n]*\d*[^\S\n]*次?"
)
CHROME_LINE = regexes.compile(r"^[ \t]*(?:您(?:现在)?(?:所在)?的位置|当前位置|所在位置)[^\S\n]*[:：].*$", regexes.M)
# What every match holds, so that only the text holding it need be searched (keep these in step
# with the patterns): each CHROME_TEXT phrase holds one of the words, or a counter's word followed
# by its label (阅读量：, 浏览次数 :), and never a line break; each CHROME_LINE holds 位置. (The
# counters' words alone are common in reports, 阅读量累计83万次, and the lines holding them long.)
CHROME_WORDS = ("字体", "字号", "打印", "关闭", "返回", "收藏", "分享", "扫一扫")
CHROME_COUNTER_WORDS = ("浏览", "阅读", "访问", "点击")
CHROME_COUNTER_LABEL = regexes.compile(r"(?:次数|量|数)[^\S\n]*[:：]")
CHROME_LINE_WORD = "位置"



_new_object = object.__new__


class Node:
    """An element of the page: tag, attributes, source span, parent and own text runs.

    `index` is its place in document order (`TreeBuilder.nodes`), `after` the index just
    past all it holds (its elements are `nodes[index + 1:after]`) and `depth` its nesting
    level (the document is 0): "is this inside that" is then a comparison of positions,
    and no step walks ancestors or recurses, however deeply the page nests.

    An element points at its parent but not at its children (what it holds is the slice of
    `nodes` above): with no reference cycle in the tree, a page's elements are freed by
    reference counting as soon as the page is read, and never left to the cyclic collector.
    """

    __slots__ = ("tag", "attrs", "start", "parent", "end", "texts", "excluded", "own_text_excluded",
                 "index", "after", "depth", "_tokens", "_in_content")

    @staticmethod
    def new(tag: str, attrs: dict, start: int, parent: "Node | None", index: int, depth: int) -> "Node":
        """A new element (the constructor: a page makes hundreds, and in CPython 3.11 calling the
        class runs `__init__` through a slower C path than this plain function call)."""
        node = _new_object(Node)
        node.tag = tag
        node.attrs = attrs
        node.start = start
        node.parent = parent
        node.end = None
        node.texts = []
        node.excluded = False           # the element and all it holds are left out
        node.own_text_excluded = False  # only its own text runs are left out (it leads to kept elements)
        node.index = index
        node.after = index + 1
        node.depth = depth
        node._tokens = None  # (class/id words, their parts), worked out when first asked (`_tokens`)
        node._in_content = False  # scratch for mark_excluded: this element or an ancestor is the article
        return node

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


# a start tag of the key closes an open element of the first tags, unless one of the second comes first
_IMPLIED_BY = {"li": (("li",), ("ul", "ol")), "dt": (("dt", "dd"), ("dl",)), "dd": (("dt", "dd"), ("dl",)),
               "td": (("td", "th"), ("tr", "table")), "th": (("td", "th"), ("tr", "table")),
               "tr": (("tr",), ("table", "tbody", "thead", "tfoot")), "option": (("option",), ("select",))}


class TreeBuilder:
    """Builds the element tree from parser events; `node_at` says which element each event is in.

    Elements opened deeper than `max_depth` levels (0: no limit) are added as empty
    children of the element at that depth instead of being nested further, as browsers
    do (Blink stops nesting at 512): their text counts as that element's text, so all of
    it is still read, and no later step recurses or walks ancestors without bound.
    `deepest` is the deepest nesting the page asked for and `flattened_at` the source
    offset of the first element read flat (None when the limit was not reached).
    `nodes` lists every element in document order (the document first), which is the
    order they are opened in; each element's `index`, `after` and `depth` are set here.

    `html_tokens.read_events` does what `data` does, and what `end` does in its usual case (no
    element read flat is open: `flat` is empty), itself: a page has hundreds of text runs and end
    tags, and a call for each cost more than the work. Keep it in step with them; `cell` too.
    """

    def __init__(self, max_depth: int = 0) -> None:
        self.root = Node.new("#document", {}, 0, None, 0, 0)
        self.stack = [self.root]
        self.nodes = [self.root]
        self.max_depth = max_depth
        self.deepest = 0
        self.flattened_at: int | None = None
        self.flat: dict[str, int] = {}  # tag -> elements of it opened beyond the limit, still open
        self._flat_open = 0
        self._nested_up_to = 0  # no element opened at most this deep need go through `_deeper`

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def start(self, tag: str, attrs: dict, at: int, self_closing: bool = False) -> Node:
        stack = self.stack
        parent = stack[-1]
        # some start tags end open elements first: <li> an open <li>, <div> an open <p> …
        implied = _IMPLIED_BY.get(tag)
        if implied is not None:
            if parent.tag not in implied[1]:  # (the usual case: the innermost element is the scope)
                self._close_within(*implied, at)
                parent = stack[-1]
        elif parent.tag == "p" and tag in _CLOSES_P:
            self.end("p", at)
            parent = stack[-1]
        depth = len(stack)
        nodes = self.nodes
        node = Node.new(tag, attrs, at, parent, len(nodes), depth)
        nodes.append(node)
        if self_closing or tag in VOID:
            node.end = at
            return node
        if depth > self._nested_up_to:  # (deeper than the limit, or than any element nested so far)
            self._deeper(node, depth, at)
        else:
            stack.append(node)
        return node

    def cell(self, tag: str, text: str, at: int, end: int) -> Node | None:
        """The element of a whole cell holding only `text` (`<td>text</td>` from `at`, its end tag at
        `end`), opened and closed at once, in the usual case: a cell in a row (which closes no open
        element, see `_IMPLIED_BY`), nested no deeper than elements so far, no element read flat
        open. None otherwise: the caller reads the cell as its start tag, text and end tag.

        (What `start`, `data` and `end` do for a cell, without their calls nor pushing the element
        on the stack only to take it off: a table page has hundreds of cells.)
        """
        stack = self.stack
        parent = stack[-1]
        depth = len(stack)
        if parent.tag != "tr" or depth > self._nested_up_to or self.flat:
            return None
        nodes = self.nodes
        node = Node.new(tag, {}, at, parent, len(nodes), depth)
        nodes.append(node)
        if text:
            node.texts.append(text)
        node.end = end
        node.after = len(nodes)
        return node

    def _deeper(self, node: Node, depth: int, at: int) -> None:
        """`start` for an element nested deeper than any so far: record how deep, read it flat past the limit."""
        if depth + self._flat_open > self.deepest:
            self.deepest = depth + self._flat_open
        if self.max_depth and depth > self.max_depth:
            node.end = at
            self.flat[node.tag] = self.flat.get(node.tag, 0) + 1
            self._flat_open += 1
            if self.flattened_at is None:
                self.flattened_at = at
        else:
            self.stack.append(node)
            self._nested_up_to = depth

    def end(self, tag: str, at: int) -> Node | None:
        if self.flat and self.flat.get(tag):  # closes an element read flat: the innermost open one
            self.flat[tag] -= 1
            self._flat_open -= 1
            return None
        stack = self.stack
        index = len(stack) - 1
        node = stack[index]
        if node.tag == tag and index:  # the usual case: it closes the innermost element
            node.end = at
            node.after = len(self.nodes)
            del stack[index]
            return node
        while index > 0 and stack[index].tag != tag:
            index -= 1
        if not index:
            return None
        node = stack[index]
        after = len(self.nodes)
        for closed in stack[index:]:
            closed.end = at
            closed.after = after
        del stack[index:]
        return node

    def data(self, text: str) -> Node:
        node = self.stack[-1]
        node.texts.append(text)
        return node

    def finish(self, length: int) -> Node:
        after = len(self.nodes)
        for node in self.stack[1:]:
            node.end = length
            node.after = after
        self.stack = [self.root]
        self.flat.clear()
        self._flat_open = 0
        self.root.end = length
        self.root.after = after
        return self.root

    def _close_within(self, tags: tuple[str, ...], scopes: tuple[str, ...], at: int) -> None:
        stack = self.stack
        for index in range(len(stack) - 1, 0, -1):
            tag = stack[index].tag
            if tag in scopes:
                return
            if tag in tags:
                self.end(tag, at)
                return


def mark_excluded(root: Node, nodes: list[Node]) -> None:
    """Set `excluded` on every element whose text is not part of the article.

    `nodes`: all elements in document order with their `index` and `after` set, as
    `TreeBuilder.nodes` (`root` first). Every step is a pass over
    (part of) this list: an element comes after its parent, so what it inherits (being
    left out, sitting in the article) is known when it is reached.

    The first pass also finds the elements that may be the article container and the sizes of
    the elements' text (see `_size`): a page has hundreds of elements, and a pass for each
    cost more than the work.
    """
    body = next((n for n in nodes if n.tag == "body"), root)
    inside = nodes[body.index + 1:body.after]
    # knowing on the way down whether an element sits in the article: no element's ancestors
    # are walked, which a deeply nested page would make quadratic
    body._in_content = any(_in_content(a) for a in (body, *body.ancestors()))
    candidates = []  # the elements that may be the article container (`_container`), in document order
    # totals[i]: the size of the text of the first i elements from the body on (see `_size`)
    total = _own_size(body)
    totals = [0, total]
    add_total = totals.append
    counted_from = 0  # the elements before this index are in a left-out or sizeless one (`_SIZELESS`)
    for node in inside:
        parent = node.parent
        if parent.excluded:  # what a left-out element holds is left out with it
            node.excluded = True
        elif not node.attrs and node.tag not in _CHROME_PAGE_PART_OR_CONTAINER:  # (no class or id: not chrome)
            node._in_content = parent._in_content
        elif _is_chrome(node, parent._in_content, nodes):
            node.excluded = True
        else:
            node._in_content = parent._in_content or _in_content(node)
            if (node.tag in ("article", "main") or node.attrs) and _is_candidate(node):
                candidates.append(node)
        if node.index >= counted_from:
            if node.excluded or node.tag in _SIZELESS:
                counted_from = node.after
            else:
                for text in node.texts:
                    total += len(text.strip())
        add_total(total)
    size = _size(totals, body.index)
    container = _container(body, candidates, size)
    if container is None:
        return
    # what the container holds is kept as it is: from here on only the elements around it
    # (the body, the container's ancestors and what is beside them) are looked at
    before, after = nodes[body.index:container.index], nodes[container.after:body.after]
    around = before + after
    keep = [container] + _titles(around, container, size) + _info_blocks(body, around, container, size)
    _exclude_outside(body, before[1:] + [container] + after, keep)


_NO_TOKENS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _tokens(node: Node) -> tuple[frozenset[str], frozenset[str]]:
    """(whole class/id words, their parts split at - _ and camelCase), lower-cased; computed once."""
    tokens = node._tokens
    if tokens is None:
        attrs = node.attrs
        if not (attrs.get("class") or attrs.get("id")):
            tokens = _NO_TOKENS
        else:
            words, parts = set(), set()
            for name in ("class", "id"):
                for word in (attrs.get(name) or "").split():
                    words.add(word.lower())
                    parts.update(p.lower() for p in _SPLIT.split(word) if p)
            tokens = (frozenset(words), frozenset(parts))
        node._tokens = tokens
    return tokens


_CHROME_OR_PAGE_PART = _CHROME_TAGS | _PAGE_PARTS
_CHROME_PAGE_PART_OR_CONTAINER = _CHROME_OR_PAGE_PART | {"article", "main"}  # what the first pass looks at closer


def _is_chrome(node: Node, in_content: bool, nodes: list[Node]) -> bool:
    """Whether `node` is site chrome; `in_content`: an ancestor is the article (see `_in_content`).

    `nodes`: the page's elements in document order (`TreeBuilder.nodes`).
    """
    words, parts = _tokens(node)
    if not words and node.tag not in _CHROME_OR_PAGE_PART:
        return False  # the common case: no class or id, and not a chrome tag
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
    return not (is_header and _holds_info(nodes[node.index:node.after]))


def _in_content(node: Node) -> bool:
    return node.tag == "article" or bool(_tokens(node)[0] & _CONTENT_WORDS)


def _holds_info(elements: list[Node]) -> bool:
    """Whether the text of `elements` (an element and all it holds, in document order) is an info line."""
    texts, length, check_at = [], 0, _MAX_INFO * 2
    for inner in elements:
        for text in inner.texts:
            texts.append(text)
            length += len(text)
            if length > check_at:  # at doubling lengths: linear however the text is split
                if len("".join(texts).strip()) > _MAX_INFO * 2:
                    return False  # already too long to be an info line, whatever follows
                check_at = length * 2
    text = "".join(texts)
    return bool(INFO_LABEL.search(text)) and len(text.strip()) <= _MAX_INFO * 2


_SIZELESS = {"script", "style", "noscript", "template"}


def _own_size(node: Node) -> int:
    return sum(len(text.strip()) for text in node.texts)


def _size(totals: list[int], first: int):
    """A function: an element of the body -> the characters of text it and its elements hold, white
    space around each text run not counted, and 0 for what is left out or in a script, style,
    noscript or template.

    `totals[i]` is the size of the text of the elements from index `first` (the body) up to
    `first + i`, counting 0 for those: an element and what it holds are a run of indexes.
    """
    def size(node: Node) -> int:
        return totals[node.after - first] - totals[node.index - first]

    return size


def _is_candidate(node: Node) -> bool:
    if node.excluded:
        return False
    if node.tag in ("article", "main"):
        return True
    words, parts = _tokens(node)
    return bool(words & _CONTENT_WORDS) or bool(parts & _CONTENT_TOKENS)


def _container(body: Node, candidates: list[Node], size) -> Node | None:
    """The most specific article container holding most of the page's text, if there is one.

    `candidates`: the elements of the body that may be one, in document order; `size`: see `_size`.
    """
    body_size = size(body)
    if not candidates or not body_size:
        return None
    best = max(candidates, key=size)
    if size(best) < body_size * _CONTAINER_SHARE:
        return None
    # the same search, bounded for deeply nested pages: only candidates large enough are looked
    # at (largest first, document order among equals), and "inside" is a comparison of positions
    order = sorted(candidates, key=lambda n: -size(n))
    negative_sizes = [-size(n) for n in order]
    while True:
        large = order[:bisect.bisect_right(negative_sizes, -size(best) * 0.8)]
        first, last = best.index, best.after
        inner = [n for n in large if first < n.index < last]
        if not inner:
            return best
        best = max(inner, key=lambda n: (size(n), -n.depth))


def _outside(node: Node, container: Node) -> bool:
    """Neither the container, nor in it, nor one of its ancestors."""
    return node.index >= container.after or node.after <= container.index


def _titles(around: list[Node], container: Node, size) -> list[Node]:
    """The page titles (h1, or a short element whose class or id says title) among `around`."""
    found = []
    passed = 0  # what is inside a title found already is not looked at
    for node in around:
        if node.index < passed or node.excluded or not _outside(node, container):
            continue
        if node.tag == "h1" or (0 < size(node) <= _MAX_TITLE and _tokens(node)[1] & _TITLE_TOKENS):
            found.append(node)
            passed = node.after
    return found


_BLOCKS = {"p", "div", "li", "td", "th", "tr", "section", "header", "footer", "h1", "h2", "h3", "h4",
           "h5", "h6", "dd", "dt", "center", "table", "article"}


def _info_blocks(body: Node, around: list[Node], container: Node, size) -> list[Node]:
    """The info lines (发布时间/来源 …) among `around`: the short blocks holding one."""
    found: list[Node] = []
    seen: set[int] = set()
    for node in around:  # (the body itself is the container's ancestor)
        if node.excluded or not node.texts or not _outside(node, container):
            continue
        text = "".join(node.texts)
        # every INFO_LABEL ends in a colon: most runs are ruled out without the pattern
        if ("：" not in text and ":" not in text) or not INFO_LABEL.search(text):
            continue
        block = node
        while block.tag not in _BLOCKS and block.parent is not None and block.parent is not body:
            block = block.parent
        if size(block) <= _MAX_INFO and block.index not in seen and _outside(block, container):
            found.append(block)
            seen.add(block.index)
    return found


def _exclude_outside(body: Node, elements: list[Node], keep: list[Node]) -> None:
    """Leave out all of `body` except the kept elements (and what leads to them).

    `elements`: those of `body` in document order; what a kept element holds may be missing
    from it (it is kept with it, and nothing needs changing). In document order: an element in
    a kept one is kept, one in a left-out element is left out; of the rest, a kept element is
    kept, one leading to a kept element loses only its own text, and any other is left out.
    """
    kept = {node.index for node in keep}
    on_path = {a.index for node in keep for a in node.ancestors()}
    state = {body.index: _ON_PATH}
    for node in elements:
        parent_state = state[node.parent.index]
        if parent_state is _KEPT:
            state[node.index] = _KEPT
        elif parent_state is _LEFT_OUT:
            node.excluded = True
            state[node.index] = _LEFT_OUT
        elif node.index in kept:
            state[node.index] = _KEPT
        elif node.index in on_path:
            node.own_text_excluded = True
            state[node.index] = _ON_PATH
        else:
            node.excluded = True
            state[node.index] = _LEFT_OUT
    body.own_text_excluded = True


_KEPT, _LEFT_OUT, _ON_PATH = "kept", "left out", "on path"
