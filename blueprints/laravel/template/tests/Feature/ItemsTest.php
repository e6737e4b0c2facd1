<?php

namespace Tests\Feature;

use Tests\TestCase;

class ItemsTest extends TestCase
{
    public function test_list_starts_empty(): void
    {
        $this->getJson('/api/items')
            ->assertOk()
            ->assertExactJson([]);
    }

    public function test_create_stores_an_item_and_lists_it(): void
    {
        $this->postJson('/api/items', ['name' => 'first'])
            ->assertCreated()
            ->assertExactJson(['id' => 1, 'name' => 'first']);

        $this->getJson('/api/items')
            ->assertOk()
            ->assertExactJson([['id' => 1, 'name' => 'first']]);
    }

    public function test_create_without_a_name_is_rejected(): void
    {
        $this->postJson('/api/items', [])
            ->assertUnprocessable()
            ->assertJsonValidationErrors('name');
    }

    public function test_create_with_a_blank_name_is_rejected(): void
    {
        $this->postJson('/api/items', ['name' => '   '])
            ->assertUnprocessable()
            ->assertJsonValidationErrors('name');
    }

    public function test_create_with_a_name_that_is_not_a_string_is_rejected(): void
    {
        $this->postJson('/api/items', ['name' => 42])
            ->assertUnprocessable()
            ->assertJsonValidationErrors('name');
    }

    public function test_validation_errors_are_json_without_an_accept_header(): void
    {
        $this->post('/api/items', [])
            ->assertUnprocessable()
            ->assertHeader('Content-Type', 'application/json')
            ->assertJsonValidationErrors('name');
    }
}
