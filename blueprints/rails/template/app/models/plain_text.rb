# Text a client may store: valid UTF-8 without control characters (NUL, which
# PostgreSQL refuses, among them).
module PlainText
  def self.valid?(text)
    text.encoding == Encoding::UTF_8 && text.valid_encoding? && !text.match?(/[[:cntrl:]]/)
  end
end
