from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sangsaeng.documents"
    verbose_name = "문서"
