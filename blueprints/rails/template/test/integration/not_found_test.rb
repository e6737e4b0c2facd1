require "test_helper"

class NotFoundTest < ActionDispatch::IntegrationTest
  test "an unknown path answers a JSON 404" do
    get "/no-such-page"

    assert_response :not_found
    assert_equal "application/json", response.media_type
    assert_equal({ "error" => "Not Found" }, response.parsed_body)
  end

  test "an unknown method on a known path answers a JSON 405" do
    delete "/api/items"

    assert_response :method_not_allowed
    assert_equal "application/json", response.media_type
    assert_equal({ "error" => "Method Not Allowed" }, response.parsed_body)
  end
end
