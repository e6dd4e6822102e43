"""Pydantic codecs for faust: the wire format is the model's plain JSON, readable by any client."""

from __future__ import annotations

from typing import Any

from faust.serializers import codecs
from pydantic import BaseModel


class PydanticCodec(codecs.Codec):
    """Encode a model to JSON bytes; decode bytes by validating against the model."""

    def __init__(self, model: type[BaseModel], **kwargs: Any) -> None:
        super().__init__(model=model, **kwargs)
        self.model = model

    def _dumps(self, obj: Any) -> bytes:
        if isinstance(obj, BaseModel):
            return obj.model_dump_json().encode("utf-8")
        return self.model.model_validate(obj).model_dump_json().encode("utf-8")

    def _loads(self, s: bytes) -> BaseModel:
        return self.model.model_validate_json(s)


def codec_name(model: type[BaseModel]) -> str:
    """Register (once) and return the faust codec name for a model."""
    name = f"pydantic.{model.__module__}.{model.__qualname__}"
    if name not in codecs.codecs:
        codecs.register(name, PydanticCodec(model))
    return name
