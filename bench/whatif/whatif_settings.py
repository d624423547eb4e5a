"""What-if settings: the project's, with template overrides (made by run.py) taking precedence."""

import os

from sangsaeng.settings import *  # noqa: F403
from sangsaeng.settings import TEMPLATES

TEMPLATES[0]["DIRS"] = [os.environ["WHATIF_TEMPLATES"], *TEMPLATES[0]["DIRS"]]
TEMPLATES[0]["OPTIONS"]["builtins"] = [*TEMPLATES[0]["OPTIONS"]["builtins"], "whatif_tags"]
