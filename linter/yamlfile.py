"""Load a YAML file safely, remembering the line of every key and list item.

Validation errors (pydantic) carry a location path such as ('rules', 3, 'options',
'terms', 0); `Located.line_of(path)` turns it into the line of the deepest part of
that path that exists in the file, so every config error reads `file:line: message`.
"""

from __future__ import annotations


from linter.cache import digest
from linter.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    import yaml

MAX_YAML_BYTES = 2 * 1024 * 1024


class Located:
    """A YAML document's data, and the line of every key and list item in it."""

    __slots__ = ("path", "data", "lines", "digest")

    def __init__(self, path: str, data: object, lines: dict[tuple, int] | None = None,
                 digest: str | None = None) -> None:
        self.path = path
        self.data = data
        self.lines = lines if lines is not None else {}
        self.digest = digest  # of the file's bytes, when read from a file (linter.cache.digest)

    def line_of(self, location: tuple) -> int | None:
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), None)


def load_yaml(path: str, display: str | None = None) -> Located:
    shown = display or path
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError("no such file", shown) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
    if len(raw) > MAX_YAML_BYTES:
        raise ConfigError("YAML file too large (over 2 MiB)", shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", shown) from None
    located = parse_yaml(text, shown)
    located.digest = digest(raw)
    return located


def parse_yaml(text: str, shown: str) -> Located:
    import yaml  # lazy: only a configuration or ruleset missing from the start-up cache is parsed

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(shown, None, {(): 1})
        _check_aliases(node, shown)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise ConfigError(f"invalid YAML: {problem}", shown, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", shown) from None
    except RecursionError:
        raise ConfigError("YAML nested too deeply", shown) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {(): node.start_mark.line + 1}
    try:
        _record(node, (), lines)
    except RecursionError:
        raise ConfigError("YAML nested too deeply", shown) from None
    return Located(shown, data, lines)


def _check_aliases(root: yaml.Node, shown: str, limit: int = 100000) -> None:
    """Refuse alias bombs: count nodes as expanded, stop past `limit`."""
    import yaml

    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            raise ConfigError("YAML expands to too many nodes (alias bomb?)", shown)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _record(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            lines[child] = key.start_mark.line + 1
            _record(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = path + (index,)
            lines[child] = item.start_mark.line + 1
            _record(item, child, lines)


def first_error(exc, located: Located, prefix: tuple = ()) -> ConfigError:
    """Turn a pydantic ValidationError into one ConfigError at the right line."""
    error = exc.errors()[0]
    location = prefix + tuple(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    where = ".".join(str(part) for part in location if part not in ("function-after",))
    text = f"{where}: {message}" if where else message
    return ConfigError(text, located.path, located.line_of(location))
