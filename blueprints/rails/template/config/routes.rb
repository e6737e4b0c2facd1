Rails.application.routes.draw do
  # Rails' own health check: 200 if the app boots without exceptions.
  get "up" => "rails/health#show", as: :rails_health_check

  # The service's health check: 200 {"status":"ok"}.
  get "health" => "health#show"

  scope "api", defaults: { format: :json } do
    resources :items, only: %i[ index show create ]
  end

  # A known path with a method it does not have answers a JSON 405.
  match "health", to: "errors#method_not_allowed", via: :all
  match "api/items", to: "errors#method_not_allowed", via: :all
  match "api/items/:id", to: "errors#method_not_allowed", via: :all

  # Any other path answers a JSON 404 instead of Rails' HTML error page.
  match "/", to: "errors#not_found", via: :all
  match "*path", to: "errors#not_found", via: :all, format: false
end
