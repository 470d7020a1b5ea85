from django.urls import path

from . import views

app_name = "member_review"
urlpatterns = [
    path("<row_id:task_state_id>/", views.ReviewView.as_view(), name="detail"),
    path("<row_id:task_state_id>/andringar/", views.ReviewChangesView.as_view(), name="changes"),
    path("<row_id:task_state_id>/paminn/", views.RemindView.as_view(), name="remind"),
]
