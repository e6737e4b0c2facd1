# Errors answer JSON, like the rest of the API.
class ErrorsController < ApplicationController
  # Unknown paths (the catch-all routes at the end of config/routes.rb).
  def not_found
    render json: { error: "Not Found" }, status: :not_found
  end

  # Exceptions that Rails turns into responses (config.exceptions_app in
  # config/application.rb). The status code arrives as the path, e.g. "/500".
  def show
    status = request.path_info.delete_prefix("/").to_i
    status = 500 unless status.between?(400, 599)
    render json: { error: Rack::Utils::HTTP_STATUS_CODES.fetch(status, "Error") }, status: status
  end
end
