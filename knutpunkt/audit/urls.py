from django.urls import path

from knutpunkt.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.review, name="review"),
    path("filter/rensa/", views.review_clear, name="review_clear"),
    path("filter/person/", views.review_choose_person, name="review_choose_person"),
    path("urval/", views.review_sample, name="review_sample"),
    path("kontroller/ny/", views.review_create, name="review_create"),
    path("kontroller/<uuid:review_uuid>/", views.review_detail, name="review_detail"),
    path("utdrag/<uuid:person_uuid>/", views.extract_page, name="extract"),
    path("utdrag/<uuid:person_uuid>/pdf/", views.extract_pdf, name="extract_pdf"),
    path("utdrag/<uuid:person_uuid>/csv/", views.extract_csv, name="extract_csv"),
]
