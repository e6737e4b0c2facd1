require "test_helper"

class HealthTest < ActionDispatch::IntegrationTest
  test "GET /health answers ok" do
    get "/health"

    assert_response :ok
    assert_equal({ "status" => "ok" }, response.parsed_body)
  end

  test "GET /up answers Rails' own health check" do
    get "/up"

    assert_response :ok
  end
end
