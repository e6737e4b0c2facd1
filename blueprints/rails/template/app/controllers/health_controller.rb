# GET /health: the service is up.
class HealthController < ApplicationController
  def show
    render json: { status: "ok" }
  end
end
