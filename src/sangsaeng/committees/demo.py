"""This app's part of the demo data (see sangsaeng.demo.extras)."""

from sangsaeng.demo.extras import DemoContext


def load(ctx: DemoContext) -> None:
    return None
