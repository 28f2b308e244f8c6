from django.urls import path

from . import views

app_name = "alliances"
urlpatterns = [
    path("alliancer/", views.alliance_list, name="list"),
    path("alliancer/ny/", views.alliance_create, name="create"),
    path("alliancer/<slug:slug>/", views.alliance_detail, name="detail"),
    path("alliancer/<slug:slug>/rediger/", views.alliance_edit, name="edit"),
    path("alliancer/<slug:slug>/fase/", views.alliance_change_phase, name="change_phase"),
    path("alliancer/<slug:slug>/parter/ny/", views.party_add, name="party_add"),
    path("alliancer/<slug:slug>/parter/<id:party_id>/rediger/", views.party_edit, name="party_edit"),
    path("alliancer/<slug:slug>/medlemmer/inviter/", views.member_invite, name="member_invite"),
    path(
        "alliancer/<slug:slug>/invitationer/<id:invitation_id>/tilbagekald/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "alliancer/<slug:slug>/invitationer/<id:invitation_id>/send-igen/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "alliancer/<slug:slug>/medlemmer/<id:membership_id>/fjern/",
        views.member_remove,
        name="member_remove",
    ),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_create, name="organisation_create"),
    path("organisationer/<id:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<id:pk>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("organisationer/<id:pk>/domaener/", views.organisation_domain_add, name="organisation_domain_add"),
    path(
        "organisationer/<id:pk>/domaener/<id:domain_id>/fjern/",
        views.organisation_domain_remove,
        name="organisation_domain_remove",
    ),
    path("min-organisation/", views.affiliation, name="affiliation"),
    path("min-organisation/fjern/", views.affiliation_end, name="affiliation_end"),
    path("min-organisation/bekraeft/<str:token>/", views.affiliation_confirm, name="affiliation_confirm"),
    path("tilknytninger/<id:pk>/godkend/", views.affiliation_approve, name="affiliation_approve"),
    path("tilknytninger/<id:pk>/afvis/", views.affiliation_reject, name="affiliation_reject"),
    path("personale/tilknytninger/", views.affiliation_review, name="affiliation_review"),
    path("alliancer/<slug:slug>/historik/", views.alliance_history, name="history"),
    path("personale/historik/", views.history, name="all_history"),
    path(
        "organisationer/<id:pk>/parter/<id:party_id>/bekraeft/",
        views.party_answer,
        {"answer": "bekraeft"},
        name="party_confirm",
    ),
    path(
        "organisationer/<id:pk>/parter/<id:party_id>/afvis/",
        views.party_answer,
        {"answer": "afvis"},
        name="party_decline",
    ),
    path("personale/parter/", views.parties_at_the_transition, name="parties_at_the_transition"),
    # The invitation's link keeps the address it has always had under the account pages.
    path("konto/invitation/<str:token>/", views.invitation_accept, name="invitation"),
]
