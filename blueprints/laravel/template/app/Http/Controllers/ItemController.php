<?php

namespace App\Http\Controllers;

use App\Http\Requests\StoreItemRequest;
use App\Services\ItemStore;
use Illuminate\Http\JsonResponse;

class ItemController extends Controller
{
    public function __construct(private readonly ItemStore $items)
    {
    }

    /**
     * GET /api/items: every stored item, oldest first.
     */
    public function index(): JsonResponse
    {
        return response()->json($this->items->all());
    }

    /**
     * POST /api/items: store a new item. StoreItemRequest has validated the
     * body before this method runs; an invalid one gets a 422 JSON answer.
     */
    public function store(StoreItemRequest $request): JsonResponse
    {
        $item = $this->items->add($request->validated()['name']);

        return response()->json($item, 201);
    }
}
