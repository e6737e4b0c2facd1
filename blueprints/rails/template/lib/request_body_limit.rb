# Refuses request bodies over a size limit (1 MiB by default) with a JSON 413,
# before Rails parses them. Rails itself sets no limit on a body's size.
class RequestBodyLimit
  DEFAULT_LIMIT = 1024 * 1024

  def initialize(app, limit: DEFAULT_LIMIT)
    @app = app
    @limit = limit
  end

  def call(env)
    if too_large?(env)
      body = { error: "Content Too Large" }.to_json
      return [ 413, { "content-type" => "application/json; charset=utf-8" }, [ body ] ]
    end

    @app.call(env)
  end

  private

  # The declared length when there is one; otherwise (a chunked body) the
  # body itself, read up to one byte past the limit and rewound.
  def too_large?(env)
    length = env["CONTENT_LENGTH"]
    return length.to_i > @limit unless length.nil? || length.empty?

    input = env["rack.input"]
    return false unless input.respond_to?(:rewind)

    read = input.read(@limit + 1)
    input.rewind
    !read.nil? && read.bytesize > @limit
  end
end
