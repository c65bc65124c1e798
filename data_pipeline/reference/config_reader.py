"""Strict, typed reading of a programme file's YAML: every mapping accepts only the keys it
declares, every value is checked for its type, and every error names the full key path and the
file (e.g. "bac_giang_835.yaml: khóa 'targets[0].indicators[1].goal' bị thiếu")."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from data_pipeline.errors import ConfigError

# A default that means "required": no default given.
REQUIRED: Any = ...


def config_error(source: Path, key: str, expected: str, got: Any = None) -> ConfigError:
    """The error for key path `key` of `source`: what it must be, and what it holds."""
    suffix = "" if got is None else f" (nhận được {got!r})"
    return ConfigError(f"{source.name}: khóa '{key}' {expected}{suffix}")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)


class Node:
    """One mapping of a programme file at `path` ("" for the root, "targets[0].indicators[1]");
    a key it holds that is not one of `keys` is an error naming the closest valid key."""

    def __init__(self, source: Path, path: str, value: Any, keys: Iterable[str]):
        self.source, self.path, self.keys = source, path, tuple(keys)
        if not isinstance(value, dict):
            raise config_error(source, path or "(gốc)", "phải là một bảng khóa–giá trị")
        # YAML reads an unquoted code (`1:`) as a number: keys are compared as text
        self.value = {str(key): item for key, item in value.items()}
        for key in self.value:
            if key not in self.keys:
                raise self.unknown(key)

    def unknown(self, key: str) -> ConfigError:
        """The error for a key this mapping does not support, with the closest valid one."""
        valid = ", ".join(self.keys) or "không có"
        close = difflib.get_close_matches(key, self.keys, n=1, cutoff=0.6)
        hint = f"; có phải '{close[0]}'?" if close else ""
        return ConfigError(
            f"{self.source.name}: khóa '{self.at(key)}' không được hỗ trợ (các khóa hợp lệ: {valid}){hint}"
        )

    def at(self, key: str) -> str:
        """The full path of one of this mapping's keys."""
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, expected: str, got: Any = None) -> ConfigError:
        """The error for this mapping's `key` ("" for the mapping itself)."""
        return config_error(self.source, self.at(key) if key else self.path or "(gốc)", expected, got)

    def has(self, key: str) -> bool:
        """Whether the key is given (a key set to nothing counts as left out)."""
        return self.value.get(key) is not None

    def _absent(self, key: str, default: Any) -> Any:
        """The default of a key left out, or the error when it is required."""
        if default is REQUIRED:
            raise self.fail(key, "bị thiếu")
        return default

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = REQUIRED) -> Any:
        """The value of `key`, of type `kind` (an int is a float; a number is a str)."""
        if not self.has(key):
            return self._absent(key, default)
        return self._typed(self.at(key), self.value[key], kind)

    def _typed(self, path: str, value: Any, kind: type | tuple[type, ...]) -> Any:
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
            raise config_error(self.source, path, f"phải có kiểu {_kind_name(kind)}", value)
        return value

    def date(self, key: str, default: Any = REQUIRED) -> dt.date:
        """A date written YYYY-MM-DD."""
        if not self.has(key):
            return self._absent(key, default)
        value = self.get(key, (dt.date, str))
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise self.fail(key, "phải là ngày dạng YYYY-MM-DD", value) from None
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: Any = REQUIRED) -> str:
        """One of `choices`."""
        if not self.has(key):
            return self._absent(key, default)
        value = self.get(key, str)
        if value not in choices:
            raise self.fail(key, f"phải là một trong: {', '.join(choices)}", value)
        return value

    def share(self, key: str, default: Any = REQUIRED) -> float:
        """A share in (0, 1]."""
        if not self.has(key):
            return self._absent(key, default)
        value = self.get(key, float)
        if not 0 < value <= 1:
            raise self.fail(key, "phải là tỉ lệ trong khoảng (0, 1]", value)
        return value

    def texts(self, key: str, default: Any = REQUIRED) -> tuple[str, ...]:
        """A list of texts (a number is a text: codes such as 213)."""
        if not self.has(key):
            return self._absent(key, default)
        values = self.get(key, list)
        return tuple(self._typed(f"{self.at(key)}[{n}]", value, str) for n, value in enumerate(values))

    def child(self, key: str, keys: Iterable[str], default: Any = REQUIRED) -> Node:
        """The mapping under `key`, accepting `keys`."""
        if not self.has(key):
            return self._absent(key, default)
        return Node(self.source, self.at(key), self.value[key], keys)

    def items(self, key: str, keys: Iterable[str], optional: bool = False) -> list[Node]:
        """The mappings of the list under `key`, each accepting `keys`; a required list must hold
        at least one, an optional one may be left out or empty."""
        if optional and not self.has(key):
            return []
        values = self.get(key, list)
        if not values and not optional:
            raise self.fail(key, "không được để trống")
        keys = tuple(keys)
        return [Node(self.source, f"{self.at(key)}[{n}]", value, keys) for n, value in enumerate(values)]

    def values(self, key: str, keys: Iterable[str], kind: type, default: Any = REQUIRED) -> dict[str, Any]:
        """A mapping whose keys are data (codes from `keys`), each value of type `kind`."""
        if not self.has(key):
            return dict(self._absent(key, default))
        node = self.child(key, keys)
        return {name: node.get(name, kind) for name in node.value}
