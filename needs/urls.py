from django.urls import path

from . import representative_views, views

app_name = "needs"
urlpatterns = [
    path("", views.NeedIndexView.as_view(), name="index"),
    path("<row_id:pk>/", views.TriageView.as_view(), name="triage"),
    path("<row_id:pk>/status/", views.StatusView.as_view(), name="status"),
    path("<row_id:pk>/anteckning/", views.NoteView.as_view(), name="note"),
    path("<row_id:pk>/sammanfoga/", views.MergeView.as_view(), name="merge"),
    path("<row_id:pk>/publicering/", views.PublicView.as_view(), name="public"),
    path("vara/", representative_views.MyNeedsView.as_view(), name="mine"),
    path("vara/nytt/", representative_views.ReportView.as_view(), name="report"),
    path("vara/<row_id:pk>/", representative_views.MyNeedView.as_view(), name="mine_detail"),
    path("vara/<row_id:pk>/andra/", representative_views.EditView.as_view(), name="edit"),
    path("vara/<row_id:pk>/samtycke/", representative_views.ConsentView.as_view(), name="consent"),
]
