from django.urls import path

from amparo.advocacy import public_views, views

app_name = "advocacy"
urlpatterns = [
    path("public/<str:slug>/", public_views.public_case_page, name="public-page"),
    path(
        "cases/<uuid:case_id>/publication/",
        public_views.publication_page,
        name="publication",
    ),
    path("cases/<uuid:case_id>/advocacy/", views.advocacy_panel, name="panel"),
    path("cases/<uuid:case_id>/advocacy/waivers/", views.waiver_add, name="waiver-add"),
    path("cases/<uuid:case_id>/advocacy/inquiries/", views.inquiry_add, name="inquiry-add"),
    path("cases/<uuid:case_id>/advocacy/statements/", views.statement_add, name="statement-add"),
    path("cases/<uuid:case_id>/advocacy/allies/", views.ally_add_view, name="ally-add"),
    path(
        "cases/<uuid:case_id>/statements.csv",
        views.statements_export,
        name="statements-export",
    ),
    path("inquiries/<uuid:inquiry_id>/send/", views.inquiry_sent, name="inquiry-send"),
    path("cases/<uuid:case_id>/advocacy/members/", views.members_search, name="members-search"),
    path(
        "inquiries/<uuid:inquiry_id>/follow-ups/",
        views.inquiry_follow_up,
        name="inquiry-follow-up",
    ),
    path("inquiries/<uuid:inquiry_id>/response/", views.inquiry_answered, name="inquiry-response"),
    path("statements/<uuid:statement_id>/edit/", views.statement_change, name="statement-edit"),
    path("campaigns/", views.campaign_page, name="campaign"),
]
