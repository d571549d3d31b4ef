from django.urls import path

from practitioners import onboarding_views, profile_views

app_name = "practitioners"
urlpatterns = [
    # Onboarding and the space's home (onboarding_views)
    path("become-a-practitioner/", onboarding_views.signup, name="signup"),
    path("pro/", onboarding_views.space_home, name="space"),
    path("pro/guide/", onboarding_views.guide, name="guide"),
    path("pro/submit/", onboarding_views.submit_for_review, name="submit"),
    path("pro/listing/", onboarding_views.listing_toggle, name="listing"),
    # The public profile, edited by its practitioner (profile_views)
    path("pro/profile/", profile_views.profile_edit, name="profile_edit"),
    path("pro/profile/preview/", profile_views.profile_preview, name="profile_preview"),
    path("pro/profile/credentials/", profile_views.credentials, name="credentials"),
    path("pro/profile/time-zone/", profile_views.time_zone, name="time_zone"),
]
