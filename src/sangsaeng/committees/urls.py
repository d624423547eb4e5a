from django.urls import path

from sangsaeng.committees import views, views_docs, views_meetings

app_name = "committees"
urlpatterns = [
    path("committees/", views.committee_list, name="list"),
    path("committees/new/", views.committee_create, name="create"),
    path("committees/<int:committee_id>/", views.committee_detail, name="detail"),
    path("committees/<int:committee_id>/edit/", views.committee_edit, name="edit"),
    path("committees/<int:committee_id>/members/new/", views.member_add, name="member_add"),
    path("committees/<int:committee_id>/roster.<str:fmt>", views_docs.roster_print, name="roster_print"),
    path("committees/<int:committee_id>/meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("committees/members/<int:member_id>/edit/", views.member_edit, name="member_edit"),
    path("committees/members/<int:member_id>/delete/", views.member_delete, name="member_delete"),
    path("committees/meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting"),
    path("committees/meetings/<int:meeting_id>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path(
        "committees/meetings/<int:meeting_id>/invite/", views_meetings.meeting_invite, name="meeting_invite"
    ),
    path("committees/meetings/<int:meeting_id>/meeting.ics", views_meetings.meeting_ics, name="meeting_ics"),
    path("committees/meetings/<int:meeting_id>/agenda/new/", views_meetings.agenda_add, name="agenda_add"),
    path(
        "committees/meetings/<int:meeting_id>/agenda.<str:fmt>", views_docs.agenda_print, name="agenda_print"
    ),
    path("committees/meetings/<int:meeting_id>/attendance/", views_meetings.attendance, name="attendance"),
    path("committees/meetings/<int:meeting_id>/minutes/", views_meetings.minutes_save, name="minutes"),
    path(
        "committees/meetings/<int:meeting_id>/minutes/review/",
        views_meetings.minutes_review,
        name="minutes_review",
    ),
    path(
        "committees/meetings/<int:meeting_id>/minutes/finalize/",
        views_meetings.minutes_finalize,
        name="minutes_finalize",
    ),
    path(
        "committees/meetings/<int:meeting_id>/minutes.<str:fmt>",
        views_docs.minutes_print,
        name="minutes_print",
    ),
    path(
        "committees/meetings/<int:meeting_id>/decisions/new/",
        views_meetings.decision_add,
        name="decision_add",
    ),
    path(
        "committees/meetings/<int:meeting_id>/decisions/apply/",
        views_meetings.decisions_apply,
        name="decisions_apply",
    ),
    path("committees/meetings/<int:meeting_id>/costs/new/", views_meetings.cost_add, name="cost_add"),
    path("committees/agenda/<int:item_id>/edit/", views_meetings.agenda_edit, name="agenda_edit"),
    path("committees/agenda/<int:item_id>/delete/", views_meetings.agenda_delete, name="agenda_delete"),
    path("committees/agenda/<int:item_id>/papers/", views_meetings.paper_upload, name="paper_upload"),
    path("committees/papers/<int:paper_id>/", views_meetings.paper_download, name="paper"),
    path("committees/papers/<int:paper_id>/delete/", views_meetings.paper_delete, name="paper_delete"),
    path("committees/decisions/<int:decision_id>/", views_meetings.decision_detail, name="decision"),
    path("committees/decisions/<int:decision_id>/edit/", views_meetings.decision_edit, name="decision_edit"),
    path(
        "committees/decisions/<int:decision_id>/delete/",
        views_meetings.decision_delete,
        name="decision_delete",
    ),
    path(
        "committees/decisions/<int:decision_id>/apply/", views_meetings.decision_apply, name="decision_apply"
    ),
    path("committees/costs/<int:line_id>/delete/", views_meetings.cost_delete, name="cost_delete"),
    path("committees/calendar/", views_docs.calendar_page, name="calendar"),
    path("committees/calendar/reset/", views_docs.calendar_reset, name="calendar_reset"),
    path("committees/feeds/<str:token>/meetings.ics", views_docs.feed_user, name="feed_user"),
    path(
        "committees/feeds/<str:token>/<int:committee_id>.ics",
        views_docs.feed_committee,
        name="feed_committee",
    ),
]
