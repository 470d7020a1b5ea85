from django.urls import path

from . import representative_views, views

app_name = "needs"
urlpatterns = [
    path("", views.NeedIndexView.as_view(), name="index"),
    path("<int:pk>/", views.TriageView.as_view(), name="triage"),
    path("<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("<int:pk>/anteckning/", views.NoteView.as_view(), name="note"),
    path("<int:pk>/sammanfoga/", views.MergeView.as_view(), name="merge"),
    path("<int:pk>/publicering/", views.PublicView.as_view(), name="public"),
    path("vara/", representative_views.MyNeedsView.as_view(), name="mine"),
    path("vara/nytt/", representative_views.ReportView.as_view(), name="report"),
    path("vara/<int:pk>/", representative_views.MyNeedView.as_view(), name="mine_detail"),
    path("vara/<int:pk>/andra/", representative_views.EditView.as_view(), name="edit"),
    path("vara/<int:pk>/samtycke/", representative_views.ConsentView.as_view(), name="consent"),
]
