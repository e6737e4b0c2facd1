# Stored items, kept in this process's memory: restarting the server empties
# the list. Puma serves requests on several threads, so a Mutex guards every
# read and write.
class ItemStore
  @lock = Mutex.new
  @items = []
  @next_id = 1

  class << self
    # All items, oldest first.
    def all
      @lock.synchronize { @items.dup }
    end

    # The item with this id, or nil.
    def find(id)
      @lock.synchronize { @items.find { |item| item[:id].to_s == id.to_s } }
    end

    # Stores a new item and returns it with its id.
    def add(name)
      @lock.synchronize do
        item = { id: @next_id, name: name }.freeze
        @items << item
        @next_id += 1
        item
      end
    end

    # Forgets every item (the tests start from an empty store).
    def clear
      @lock.synchronize do
        @items = []
        @next_id = 1
      end
    end
  end
end
