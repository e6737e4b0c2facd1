# Requests no route answers, as JSON like the rest of the API (the routes at
# the end of config/routes.rb).
class ErrorsController < ApplicationController
  # Unknown paths.
  def not_found
    render json: { error: "Not Found" }, status: :not_found
  end

  # Known paths with a method they do not have.
  def method_not_allowed
    render json: { error: "Method Not Allowed" }, status: :method_not_allowed
  end
end
