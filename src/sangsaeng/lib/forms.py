"""Form rendering shared by every form of the product."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Project templates (templates/django/forms/) take precedence over Django's own."""

    field_template_name = "django/forms/field.html"
