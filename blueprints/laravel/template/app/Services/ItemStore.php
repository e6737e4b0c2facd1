<?php

namespace App\Services;

use Illuminate\Support\Facades\Cache;

/**
 * Stored items, kept in the cache.
 *
 * PHP shares nothing between requests, so a plain array would be empty again
 * on the next request. The cache store in CACHE_STORE ("file" by default,
 * see config/cache.php) keeps the list between requests without a database;
 * a lock stops two simultaneous requests from overwriting each other's item.
 */
class ItemStore
{
    private const KEY = 'items';

    /**
     * Every stored item, oldest first.
     *
     * @return list<array{id: int, name: string}>
     */
    public function all(): array
    {
        return Cache::get(self::KEY, []);
    }

    /**
     * The item with this id, or null.
     *
     * @return array{id: int, name: string}|null
     */
    public function find(int $id): ?array
    {
        foreach ($this->all() as $item) {
            if ($item['id'] === $id) {
                return $item;
            }
        }

        return null;
    }

    /**
     * Store a new item and return it with its id.
     *
     * @return array{id: int, name: string}
     */
    public function add(string $name): array
    {
        return Cache::lock(self::KEY.':lock', 10)->block(5, function () use ($name): array {
            $items = Cache::get(self::KEY, []);
            $item = ['id' => count($items) + 1, 'name' => $name];
            $items[] = $item;
            Cache::forever(self::KEY, $items);

            return $item;
        });
    }
}
