from django.urls import path

from mathshubs.accounts import views
from mathshubs.accounts.models import CodePurpose

app_name = "accounts"

CREATE = {"purpose": CodePurpose.CREATE_ACCOUNT}
RESET = {"purpose": CodePurpose.RESET_PASSWORD}

urlpatterns = [
    path("login/", views.login_start, name="login"),
    path("login/password/", views.login_password, name="login_password"),
    path("create/", views.create_start, name="create"),
    path("create/code/", views.code_check, CREATE, name="create_code"),
    path("create/code/new/", views.code_resend, CREATE, name="create_code_new"),
    path("create/password/", views.password_create, CREATE, name="create_password"),
    path("reset/", views.reset_start, name="reset"),
    path("reset/code/", views.code_check, RESET, name="reset_code"),
    path("reset/code/new/", views.code_resend, RESET, name="reset_code_new"),
    path("reset/password/", views.password_create, RESET, name="reset_password"),
    path("logout/", views.logout_view, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<id:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
