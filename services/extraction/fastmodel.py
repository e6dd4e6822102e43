"""Build pydantic models from values the extractor already knows are valid, cheaply.

An article yields ~50 entities and ~10 claims; `BaseModel.model_construct` walks every field's
aliases and defaults on each call (~5 µs per entity, a third of the extractor's time). Here
the caller passes every field, so the instance is assembled the way `model_construct` assembles
it in the end: `__dict__`, fields set, no extra, no private state. Models with a post-init hook,
private attributes or a root get the regular `model_construct`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__
_PLAIN: dict[type, frozenset[str] | None] = {}


def plain_fields(cls: type[BaseModel]) -> frozenset[str] | None:
    """The field names when `cls` can be assembled directly, else None."""
    if cls not in _PLAIN:
        plain = not (cls.__pydantic_post_init__ or cls.__pydantic_root_model__ or cls.__private_attributes__
                     or cls.model_config.get("extra") == "allow")
        _PLAIN[cls] = frozenset(cls.__pydantic_fields__) if plain else None
    return _PLAIN[cls]


def construct(cls: type[M], values: dict[str, Any]) -> M:
    """`cls.model_construct(**values)` for a `values` dict naming every field (it is kept, not copied)."""
    fields = plain_fields(cls)
    if fields is None or values.keys() != fields:
        return cls.model_construct(**values)
    return assemble(cls, values, fields)


def assemble(cls: type[M], values: dict[str, Any], fields: frozenset[str]) -> M:
    """`construct` without its checks, for a caller that has run them once (`plain_fields(cls)`
    is not None and `values` always has exactly those keys): the per-entity hot path."""
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(fields))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
