require "test_helper"

class ItemsTest < ActionDispatch::IntegrationTest
  setup { ItemStore.clear }

  test "GET /api/items starts with an empty list" do
    get "/api/items"

    assert_response :ok
    assert_equal [], response.parsed_body
  end

  test "POST /api/items stores an item and lists it" do
    post "/api/items", params: { name: "first" }, as: :json

    assert_response :created
    item = response.parsed_body
    assert_equal "first", item["name"]
    assert_kind_of Integer, item["id"]

    get "/api/items"

    assert_response :ok
    assert_equal [ item ], response.parsed_body
  end

  test "POST /api/items without a name is rejected" do
    post "/api/items", params: {}, as: :json

    assert_response 422
    assert_includes response.parsed_body["errors"].keys, "name"
  end

  test "POST /api/items with a blank name is rejected" do
    post "/api/items", params: { name: "   " }, as: :json

    assert_response 422
    assert_includes response.parsed_body["errors"].keys, "name"
  end

  test "POST /api/items with a name that is not a string is rejected" do
    post "/api/items", params: { name: 42 }, as: :json

    assert_response 422
    assert_includes response.parsed_body["errors"]["name"], "must be a string"
  end
end
