from django.urls import path

from items.views import ItemCollectionView

app_name = "items"

urlpatterns = [
    path("items", ItemCollectionView.as_view(), name="collection"),
]
