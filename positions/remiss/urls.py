from django.urls import path

from . import input_views, views

app_name = "positions_remiss"
urlpatterns = [
    path("", views.CaseIndexView.as_view(), name="index"),
    path("<row_id:page_id>/", views.CaseView.as_view(), name="case"),
    path("<row_id:page_id>/status/", views.StatusView.as_view(), name="status"),
    path(
        "<row_id:page_id>/synpunkter-senast/",
        views.InputDeadlineView.as_view(),
        name="input_deadline",
    ),
    path(
        "<row_id:page_id>/be-om-synpunkter/", views.RequestInputView.as_view(), name="request_input"
    ),
    path("<row_id:page_id>/synpunkter.csv", views.InputsCsvView.as_view(), name="inputs_csv"),
    path("<row_id:page_id>/paket/", views.RemakePackageView.as_view(), name="remake_package"),
    path("<row_id:page_id>/eget-dokument/", views.PinView.as_view(), name="pin"),
    path("<row_id:page_id>/skicka/", views.SendView.as_view(), name="send"),
    path("<row_id:page_id>/skickat/", views.RecordSentView.as_view(), name="record_sent"),
    path("<row_id:page_id>/uppfoljning/", views.FollowUpView.as_view(), name="follow_up"),
    path("synpunkter/", input_views.InputListView.as_view(), name="inputs"),
    path("synpunkter/<row_id:case_id>/", input_views.InputView.as_view(), name="input"),
    path("synpunkter/fil/<row_id:input_id>/", views.InputFileView.as_view(), name="input_file"),
]
