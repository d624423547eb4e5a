from django.contrib.auth import views as auth_views
from django.urls import path

from sangsaeng.accounts import views_people
from sangsaeng.security import views as security_views

app_name = "accounts"
urlpatterns = [
    # The password step; sangsaeng.security adds throttling and the second-factor step.
    path("login/", security_views.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", views_people.people, name="people"),
    path("people/<int:person_id>/handover/", views_people.handover, name="handover"),
    path("invitations/new/", views_people.invite_new, name="invite"),
    path("invitations/<int:invitation_id>/revoke/", views_people.invite_revoke, name="invite_revoke"),
    path("invite/<str:token>/", views_people.accept, name="accept"),
    path("departments/new/", views_people.department_new, name="department_new"),
]
