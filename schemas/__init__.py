"""The contract of every topic: pydantic v2 models plus the topic registry (`schemas.topics`)."""
