from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mathshubs.accounts"
    verbose_name = "Accounts: sign-in, verification codes, API tokens"
