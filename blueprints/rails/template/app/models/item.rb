# A new item as a client sends it, validated with Active Model.
class Item
  include ActiveModel::Model

  attr_accessor :name

  validates :name, presence: true, length: { maximum: 100 }
  validate :name_must_be_a_string

  private

  def name_must_be_a_string
    errors.add(:name, "must be a string") unless name.nil? || name.is_a?(String)
  end
end
