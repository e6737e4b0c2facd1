Rails.application.configure do
  # Settings specified here will take precedence over those in config/application.rb.

  # Secrets come from the environment, never from a file in the repository.
  if ENV["SECRET_KEY_BASE"].blank?
    abort "SECRET_KEY_BASE is not set: generate one with `bin/rails secret` " \
          "and pass it to the server in the environment."
  end

  # Code is not reloaded between requests.
  config.enable_reloading = false

  # Eager load code on boot for better performance and memory savings (ignored by Rake tasks).
  config.eager_load = true

  # Full error reports are disabled.
  config.consider_all_requests_local = false

  # Assume all access to the app is happening through a SSL-terminating reverse proxy.
  config.assume_ssl = true

  # Force all access to the app over SSL, use Strict-Transport-Security, and use secure cookies.
  config.force_ssl = true

  # Log to STDOUT with the current request id as a default log tag.
  config.log_tags = [ :request_id ]
  config.logger   = ActiveSupport::TaggedLogging.logger(STDOUT)

  # Change to "debug" to log everything (including potentially personally-identifiable information!).
  config.log_level = ENV.fetch("RAILS_LOG_LEVEL", "info")

  # Prevent health checks from clogging up the logs.
  config.silence_healthcheck_path = "/up"

  # Don't log any deprecations.
  config.active_support.report_deprecations = false

  # Enable locale fallbacks for I18n (makes lookups for any locale fall back to
  # the I18n.default_locale when a translation cannot be found).
  config.i18n.fallbacks = true

  # Protect against DNS rebinding and other Host header attacks: answer only
  # the host names listed in ALLOWED_HOSTS (comma-separated).
  config.hosts = ENV.fetch("ALLOWED_HOSTS", "").split(",").map(&:strip).reject(&:empty?)
  config.hosts = [ "localhost" ] if config.hosts.empty?

  # Health checks come from load balancers that use the server's address, and
  # a blocked host gets a JSON 403 like every other error.
  config.host_authorization = {
    exclude: ->(request) { %w[ /up /health ].include?(request.path) },
    response_app: ->(_env) { [ 403, { "content-type" => "application/json" }, [ '{"error":"Blocked host"}' ] ] }
  }
end
