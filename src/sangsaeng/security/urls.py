from django.urls import path

from sangsaeng.security import views

app_name = "security"
urlpatterns = [
    path("", views.account, name="account"),
    path("email/", views.email_change, name="email"),
    path("password/", views.password_change, name="password"),
    path("reauth/", views.reauth, name="reauth"),
    path("login/code/", views.login_code, name="login_code"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/end/", views.session_end, name="session_end"),
    path("sessions/end-others/", views.sessions_end_others, name="sessions_end_others"),
    path("session/extend/", views.session_extend, name="session_extend"),
    path("session/status/", views.session_status, name="session_status"),
]
