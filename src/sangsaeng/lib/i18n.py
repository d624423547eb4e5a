"""Translation helpers shared by the models."""

from typing import cast

from django.utils.translation import gettext_lazy


def lazy_text(message: str) -> str:
    """gettext_lazy, typed as the text it becomes when shown.

    Model verbose names and choice labels are translated each time they are rendered (a template, an
    f-string, str()), so pages and cards can hold them as text. Call str() on one before json.dumps
    or str.join, which do not accept the lazy object.
    """
    return cast(str, gettext_lazy(message))
