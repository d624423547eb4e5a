from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "sangsaeng.exchange"
    verbose_name = "엑셀 내보내기·가져오기"
