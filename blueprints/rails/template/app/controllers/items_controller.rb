# GET and POST /api/items: a small in-memory resource.
class ItemsController < ApplicationController
  # GET /api/items
  def index
    render json: ItemStore.all
  end

  # POST /api/items with {"name": "..."}
  def create
    item = Item.new(name: params[:name])

    if item.valid?
      render json: ItemStore.add(item.name), status: :created
    else
      render json: { errors: item.errors.to_hash }, status: 422
    end
  end
end
