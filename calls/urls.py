from django.urls import path

from . import views

app_name = "calls"
urlpatterns = [
    path("", views.EditorIndexView.as_view(), name="index"),
    path("<row_id:page_id>/", views.AnswersView.as_view(), name="answers"),
    path("<row_id:page_id>/svar.csv", views.AnswersCsvView.as_view(), name="answers_csv"),
    path("svara/", views.CallListView.as_view(), name="representative_list"),
    path("svara/<row_id:page_id>/", views.AnswerView.as_view(), name="answer"),
]
