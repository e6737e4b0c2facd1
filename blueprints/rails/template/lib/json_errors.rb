# Answers the errors Rails turns into responses (400 for a malformed request,
# 405 for an unknown method, 500 for a bug, ...) with a short JSON body, in
# every environment; the details go to the log. Rails calls it with the status
# as the path (config.exceptions_app). A plain Rack app rather than a
# controller: a request malformed enough to cause the error cannot break its
# answer too.
module JsonErrors
  def self.call(env)
    status = env["PATH_INFO"].to_s.delete_prefix("/").to_i
    status = 500 unless status.between?(400, 599)
    body = { error: Rack::Utils::HTTP_STATUS_CODES.fetch(status, "Error") }.to_json
    [ status, { "content-type" => "application/json; charset=utf-8" }, [ body ] ]
  end
end
