from django.urls import path

from items.views import ItemCollectionView, ItemView

app_name = "items"

urlpatterns = [
    path("items", ItemCollectionView.as_view(), name="collection"),
    path("items/<int:item_id>", ItemView.as_view(), name="item"),
]
