"""The shipped rule sets, as package data: toetsing.regelsets (see pyproject.toml)."""
